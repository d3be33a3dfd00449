package io.jitskit.report.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class KnobGridTest {

    @Test
    void rocksdbGridIsTheFullCartesianProductOfItsDocumentedKnobs() {
        final List<StoreVariant> all = KnobGrid.ROCKSDB.expand(StoreVariant.of("rocksdb"));
        assertEquals(12, all.size());
        assertEquals(12, KnobGrid.ROCKSDB.size());
        assertEquals(12, new HashSet<>(all).size(), "no configuration twice");
        assertTrue(all.stream().allMatch(v -> v.knobs().keySet().equals(java.util.Set.of("block_cache_fraction",
            "direct_io", "memtable_mib"))));
        assertEquals("rocksdb[block_cache_fraction=0.2,direct_io=false,memtable_mib=64]", all.getFirst().label());
    }

    @Test
    void lmdbGridCoversReadAheadAndWriteMap() {
        final List<StoreVariant> all = KnobGrid.forStore("lmdb").orElseThrow().expand(StoreVariant.of("lmdb"));
        assertEquals(4, all.size());
        assertTrue(all.stream().anyMatch(v -> v.label().equals("lmdb[read_ahead=false,write_map=true]")));
        assertEquals("jitskit.knob.write_map", KnobGrid.LMDB.knobs().get(1).property());
    }

    @Test
    void aKnobTheUserFixedIsNotSwept() {
        final List<StoreVariant> all = KnobGrid.ROCKSDB.expand(StoreVariant.parse("rocksdb[direct_io=true]"));
        assertEquals(6, all.size());
        assertTrue(all.stream().allMatch(v -> v.knobs().get("direct_io").equals("true")));
    }

    @Test
    void sweepExpandsOnlyStoresWithAGridAndKeepsTheGivenOrder() {
        final List<StoreVariant> configs = Comparison.configurations(
            StoreVariant.parseList("reference,lmdb,chm"), true);
        assertEquals(6, configs.size());
        assertEquals("reference", configs.getFirst().label());
        assertEquals("chm", configs.getLast().label());
        assertEquals(3, Comparison.configurations(StoreVariant.parseList("reference,lmdb,chm"), false).size());
    }
}
