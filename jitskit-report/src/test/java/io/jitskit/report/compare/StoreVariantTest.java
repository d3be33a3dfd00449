package io.jitskit.report.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jitskit.spec.Durability;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoreVariantTest {

    @Test
    void knobsInBracketsBecomeSystemPropertiesOfTheStoresJvm() {
        final StoreVariant v = StoreVariant.parse("rocksdb[bloom_bits=10,block_cache_fraction=0.5]");
        assertEquals("rocksdb", v.store());
        assertEquals(Map.of("bloom_bits", "10", "block_cache_fraction", "0.5"), v.knobs());
        assertEquals(List.of("-Djitskit.knob.block_cache_fraction=0.5", "-Djitskit.knob.bloom_bits=10"), v.jvmArgs());
        assertEquals("rocksdb[block_cache_fraction=0.5,bloom_bits=10]", v.label(), "knobs sorted: a canonical label");
    }

    @Test
    void aListSplitsOnCommasOutsideBracketsOnly() {
        final List<StoreVariant> list = StoreVariant.parseList("reference,rocksdb[bloom_bits=0,memtable_mib=64],chm");
        assertEquals(List.of("reference", "rocksdb[bloom_bits=0,memtable_mib=64]", "chm"),
            list.stream().map(StoreVariant::label).toList());
        assertTrue(list.getFirst().jvmArgs().isEmpty());
    }

    @Test
    void malformedNamesAreRejectedWithTheFix() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> StoreVariant.parseList("a,,b"))
            .getMessage().contains("empty store name"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> StoreVariant.parse("rocksdb[bloom_bits]"))
            .getMessage().contains("knob=value"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> StoreVariant.parse("rocksdb[a=1"))
            .getMessage().contains("name[knob=value"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> StoreVariant.parse("rocksdb[a=1,a=2]"))
            .getMessage().contains("twice"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> StoreVariant.parse("rocksdb[a=x y]"))
            .getMessage().contains("value"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> StoreVariant.parse("rocksdb bloom_bits=1"))
            .getMessage().contains("brackets"));
    }

    @Test
    void knobsAlreadySetWinOverAddedOnes() {
        final StoreVariant v = StoreVariant.parse("lmdb[write_map=true]").with(Map.of("write_map", "false",
            "read_ahead", "false"));
        assertEquals("lmdb[read_ahead=false,write_map=true]", v.label());
    }

    @Test
    void anAtLevelRunsTheStoreOnTheCardWithThatDurabilityAndSaysSoInItsLabel() {
        final StoreVariant v = StoreVariant.parse("chm@none");
        assertEquals("chm", v.store());
        assertEquals(Durability.Level.NONE, v.durability());
        assertEquals("chm@none", v.label());
        final StoreVariant k = StoreVariant.parse("rocksdb@none[bloom_bits=10]");
        assertEquals("rocksdb", k.store());
        assertEquals("rocksdb@none[bloom_bits=10]", k.label());
        assertEquals("rocksdb@none[bloom_bits=10,memtable_mib=64]", k.with(Map.of("memtable_mib", "64")).label(),
            "a sweep keeps the durability");
        assertEquals(null, StoreVariant.parse("/tmp/x@y/store.jar").durability(), "an '@' inside a path is a path");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> StoreVariant.parse("chm@weak"))
            .getMessage().contains("none, checkpoint, commit"));
    }
}
