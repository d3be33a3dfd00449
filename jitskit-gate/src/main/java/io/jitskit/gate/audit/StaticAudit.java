package io.jitskit.gate.audit;

import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeElement;
import java.lang.classfile.CodeModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.Opcode;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.classfile.instruction.ConstantInstruction;
import java.lang.classfile.instruction.FieldInstruction;
import java.lang.classfile.instruction.InvokeDynamicInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.LineNumber;
import java.lang.classfile.instruction.NewObjectInstruction;
import java.lang.classfile.instruction.NewReferenceArrayInstruction;
import java.lang.classfile.instruction.TypeCheckInstruction;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDesc;
import java.lang.constant.DirectMethodHandleDesc;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The static audit of a store's classes (CONTRACTS section 3 and paper Appendix B), by reading their bytecode with the
 * JDK's class-file API. Rules:
 * <ul>
 *   <li>{@value #EXTERNAL_KV}: no reference to a key-value library (RocksDB, LMDB, Chronicle, H2/MVStore, MapDB,
 *       Redis clients, LevelDB, ...) when the spec forbids them;</li>
 *   <li>{@value #HARNESS}: no reference to a class of this project other than {@code io.jitskit.api},
 *       {@code io.jitskit.spec} and the peers' own adapter code (a jar could not link them, a class-path store
 *       could);</li>
 *   <li>{@value #REFLECTION}: no core reflection, {@code Class.forName}, {@code MethodHandles.Lookup} finders
 *       beyond VarHandles, {@code setAccessible}, {@code Unsafe} or class-loader lookups: the ways to reach the
 *       harness's seed;</li>
 *   <li>{@value #READ_PATH_RANDOM}: no random generator or digest in a method reachable from
 *       {@code Session.read}: read may locate a value, not synthesize one (hack II.3);</li>
 *   <li>{@value #EXIT}: no {@code System.exit}, {@code Runtime.exit/halt} or {@code Thread.stop} reachable from an
 *       operation or a checkpoint (section 7: designs that abort when a fixed-size log fills).</li>
 * </ul>
 * Reachability is a class-hierarchy call graph over the store's own classes: a virtual or interface call reaches
 * every own override; a lambda or method reference reaches its body from where it is created. Calls through JDK code
 * back into the store (a comparator, a {@code Runnable} handed to an executor) are followed only when the store
 * created them along the path. Limits: hashing used to locate a value and hashing used to forge one look alike in
 * bytecode, so only generators and digests are flagged on the read path; the hidden-seed value check of the gate is
 * what catches forged values.
 */
public final class StaticAudit {

    public static final String EXTERNAL_KV = "external-kv-library";
    public static final String HARNESS = "harness-internals";
    public static final String REFLECTION = "reflection";
    public static final String READ_PATH_RANDOM = "random-in-read-path";
    public static final String EXIT = "exit-from-operation";

    private static final String SESSION = "io/jitskit/api/Session";
    private static final String STORE = "io/jitskit/api/Store";
    private static final Set<String> OPERATIONS = Set.of("read", "upsert", "rmw", "delete", "insert");

    private static final List<String> KV_LIBRARIES = List.of("org/rocksdb/", "org/lmdbjava/", "net/openhft/chronicle/",
        "org/h2/", "org/mapdb/", "redis/clients/", "io/lettuce/", "org/iq80/leveldb/", "org/fusesource/leveldbjni/",
        "com/sleepycat/", "org/ehcache/", "com/github/benmanes/caffeine/", "com/hazelcast/", "org/infinispan/",
        "jetbrains/exodus/", "com/oath/halodb/", "org/sqlite/", "com/google/common/cache/", "io/jitskit/baselines/");

    private static final Set<String> RANDOM_CLASSES = Set.of("java/util/Random", "java/util/SplittableRandom",
        "java/util/concurrent/ThreadLocalRandom", "java/security/SecureRandom", "java/security/MessageDigest");

    private static final Set<String> LOOKUP_FINDERS = Set.of("findVirtual", "findStatic", "findSpecial",
        "findConstructor", "findGetter", "findSetter", "findStaticGetter", "findStaticSetter", "findClass",
        "unreflect", "unreflectSpecial", "unreflectConstructor", "unreflectGetter", "unreflectSetter",
        "unreflectVarHandle", "in", "ensureInitialized", "defineClass", "defineHiddenClass");

    private static final Set<String> CLASS_REFLECTION = Set.of("forName", "getDeclaredField", "getDeclaredFields",
        "getDeclaredMethod", "getDeclaredMethods", "getDeclaredConstructor", "getDeclaredConstructors", "getField",
        "getFields", "getMethod", "getMethods", "getConstructor", "getConstructors", "newInstance", "getClassLoader");

    /** What the audit may flag for one store. */
    public record Rules(boolean externalKvForbidden, boolean harnessForbidden) { }

    private record Call(String owner, String name, String descriptor, Opcode opcode, int line) { }

    private record Method(String owner, String name, String descriptor) {
        String id() {
            return owner + "." + name + descriptor;
        }
    }

    private final ClassSet classes;
    private final Rules rules;
    private final Map<Method, List<Call>> calls = new HashMap<>();
    private final List<Finding> findings = new ArrayList<>();

    private StaticAudit(final ClassSet classes, final Rules rules) {
        this.classes = classes;
        this.rules = rules;
    }

    /** Audits {@code classes}; the findings name class, method and line. */
    public static List<Finding> audit(final ClassSet classes, final Rules rules) {
        final StaticAudit audit = new StaticAudit(classes, rules);
        audit.scan();
        audit.reachabilityRules();
        return List.copyOf(audit.findings);
    }

    /* ---- Pass 1: every instruction of every own method ---- */

    private void scan() {
        for (final ClassModel cm : classes.classes().values()) {
            final String owner = cm.thisClass().asInternalName();
            cm.superclass().ifPresent(s -> reference(owner, "<class>", -1, s.asInternalName(), "extends"));
            for (final ClassEntry i : cm.interfaces()) {
                reference(owner, "<class>", -1, i.asInternalName(), "implements");
            }
            for (final MethodModel mm : cm.methods()) {
                final Method method = new Method(owner, mm.methodName().stringValue(),
                    mm.methodType().stringValue());
                final List<Call> out = new ArrayList<>();
                calls.put(method, out);
                mm.code().ifPresent(code -> scanCode(method, code, out));
            }
        }
    }

    private void scanCode(final Method method, final CodeModel code, final List<Call> out) {
        int line = -1;
        final String where = method.name + method.descriptor;
        for (final CodeElement e : code) {
            switch (e) {
                case LineNumber ln -> line = ln.line();
                case InvokeInstruction inv -> {
                    final String owner = inv.owner().asInternalName();
                    final Call call = new Call(owner, inv.name().stringValue(), inv.type().stringValue(),
                        inv.opcode(), line);
                    out.add(call);
                    reference(method.owner, where, line, owner, "calls " + call.name);
                    reflection(method.owner, where, call);
                }
                case FieldInstruction f -> reference(method.owner, where, line, f.owner().asInternalName(),
                    "field " + f.name().stringValue());
                case NewObjectInstruction n -> reference(method.owner, where, line,
                    n.className().asInternalName(), "new");
                case NewReferenceArrayInstruction a -> reference(method.owner, where, line,
                    a.componentType().asInternalName(), "new array");
                case TypeCheckInstruction t -> reference(method.owner, where, line, t.type().asInternalName(),
                    "type check");
                case ConstantInstruction.LoadConstantInstruction ldc
                    when ldc.constantValue() instanceof ClassDesc cd && cd.isClassOrInterface() ->
                    reference(method.owner, where, line, internalName(cd), "class literal");
                case InvokeDynamicInstruction indy -> {
                    for (final ConstantDesc arg : indy.bootstrapArgs()) {
                        if (arg instanceof DirectMethodHandleDesc mh) {
                            final String owner = internalName(mh.owner());
                            out.add(new Call(owner, mh.methodName(), mh.lookupDescriptor(), Opcode.INVOKEDYNAMIC,
                                line));
                            reference(method.owner, where, line, owner, "method reference " + mh.methodName());
                        }
                    }
                }
                default -> { }
            }
        }
    }

    private static String internalName(final ClassDesc cd) {
        final String d = cd.descriptorString();
        return d.startsWith("L") ? d.substring(1, d.length() - 1) : d;
    }

    /** A reference from own code to class {@code target}: forbidden libraries and harness classes. */
    private void reference(final String owner, final String method, final int line, final String target,
                           final String how) {
        final String t = target.startsWith("[") ? target.replaceAll("^\\[+L?|;$", "") : target;
        if (rules.externalKvForbidden) {
            for (final String lib : KV_LIBRARIES) {
                if (t.startsWith(lib)) {
                    add(EXTERNAL_KV, owner, method, line, how + " " + t.replace('/', '.')
                        + " (a key-value library; the spec forbids them)");
                    return;
                }
            }
        }
        // The peers' shared adapter code is theirs, not the harness's; a synthesized store that reached for it would
        // be caught by the external key-value library rule, which lists it.
        if (rules.harnessForbidden && t.startsWith("io/jitskit/") && !t.startsWith("io/jitskit/api/")
            && !t.startsWith("io/jitskit/spec/") && !t.startsWith("io/jitskit/baselines/") && !classes.owns(t)) {
            add(HARNESS, owner, method, line, how + " " + t.replace('/', '.')
                + " (only io.jitskit.api and io.jitskit.spec may be used)");
        }
    }

    private void reflection(final String owner, final String method, final Call c) {
        if (!rules.harnessForbidden) {
            return;
        }
        final boolean flagged = c.owner.startsWith("java/lang/reflect/")
            || c.owner.equals("sun/misc/Unsafe") || c.owner.equals("jdk/internal/misc/Unsafe")
            || c.owner.equals("java/lang/Class") && CLASS_REFLECTION.contains(c.name)
            || c.owner.equals("java/lang/invoke/MethodHandles") && c.name.equals("privateLookupIn")
            || c.owner.equals("java/lang/invoke/MethodHandles$Lookup") && LOOKUP_FINDERS.contains(c.name)
            || c.owner.equals("java/lang/ClassLoader") && (c.name.startsWith("load") || c.name.startsWith("get"))
            || c.owner.equals("java/lang/Thread") && c.name.equals("getContextClassLoader");
        if (flagged) {
            add(REFLECTION, owner, method, c.line, "calls " + c.owner.replace('/', '.') + "." + c.name
                + " (reflection could reach the harness and its seed)");
        }
    }

    /* ---- Pass 2: what operations reach ---- */

    private void reachabilityRules() {
        final Set<Method> readRoots = new LinkedHashSet<>();
        final Set<Method> operationRoots = new LinkedHashSet<>();
        for (final Method m : calls.keySet()) {
            if (implementsType(m.owner, SESSION, new HashSet<>()) && OPERATIONS.contains(m.name)) {
                operationRoots.add(m);
                if (m.name.equals("read")) {
                    readRoots.add(m);
                }
            }
            if (implementsType(m.owner, STORE, new HashSet<>()) && m.name.equals("checkpoint")) {
                operationRoots.add(m);
            }
        }
        for (final Method m : reachable(readRoots)) {
            for (final Call c : calls.get(m)) {
                if (RANDOM_CLASSES.contains(c.owner) || c.owner.startsWith("java/util/random/")
                    || (c.owner.equals("java/lang/Math") || c.owner.equals("java/lang/StrictMath"))
                    && c.name.equals("random") || c.owner.equals("java/util/UUID") && !c.name.equals("<init>")) {
                    add(READ_PATH_RANDOM, m.owner, m.name + m.descriptor, c.line, "calls "
                        + c.owner.replace('/', '.') + "." + c.name + " on the read path (a read must return stored "
                        + "bytes, not generate them)");
                }
            }
        }
        for (final Method m : reachable(operationRoots)) {
            for (final Call c : calls.get(m)) {
                if (c.owner.equals("java/lang/System") && c.name.equals("exit")
                    || c.owner.equals("java/lang/Runtime") && (c.name.equals("exit") || c.name.equals("halt"))
                    || c.owner.equals("java/lang/Thread") && c.name.equals("stop")) {
                    add(EXIT, m.owner, m.name + m.descriptor, c.line, "calls " + c.owner.replace('/', '.') + "."
                        + c.name + ", reachable from an operation or checkpoint (a full log or table must be handled, "
                        + "not end the process)");
                }
            }
        }
    }

    private Set<Method> reachable(final Set<Method> roots) {
        final Set<Method> seen = new LinkedHashSet<>(roots);
        final Deque<Method> pending = new ArrayDeque<>(roots);
        while (!pending.isEmpty()) {
            for (final Call c : calls.get(pending.poll())) {
                if (!classes.owns(c.owner)) {
                    continue;
                }
                for (final Method target : targets(c)) {
                    if (seen.add(target)) {
                        pending.add(target);
                    }
                }
            }
        }
        return seen;
    }

    /** The own methods a call may run: the declaration it resolves to, and every own override. */
    private List<Method> targets(final Call c) {
        final List<Method> out = new ArrayList<>();
        String type = c.owner;
        while (type != null && classes.owns(type)) {
            final Method m = new Method(type, c.name, c.descriptor);
            if (calls.containsKey(m)) {
                out.add(m);
                break;
            }
            type = classes.classes().get(type).superclass().map(ClassEntry::asInternalName).orElse(null);
        }
        if (c.opcode == Opcode.INVOKEVIRTUAL || c.opcode == Opcode.INVOKEINTERFACE
            || c.opcode == Opcode.INVOKEDYNAMIC) {
            for (final Method m : calls.keySet()) {
                if (m.name.equals(c.name) && m.descriptor.equals(c.descriptor) && !m.owner.equals(c.owner)
                    && implementsType(m.owner, c.owner, new HashSet<>())) {
                    out.add(m);
                }
            }
        }
        return out;
    }

    /** Whether own class {@code type} is {@code target} or extends or implements it, through own classes. */
    private boolean implementsType(final String type, final String target, final Set<String> visited) {
        if (type.equals(target)) {
            return true;
        }
        final ClassModel cm = classes.classes().get(type);
        if (cm == null || !visited.add(type)) {
            return false;
        }
        if (cm.superclass().map(s -> implementsType(s.asInternalName(), target, visited)).orElse(false)) {
            return true;
        }
        for (final ClassEntry i : cm.interfaces()) {
            if (implementsType(i.asInternalName(), target, visited)) {
                return true;
            }
        }
        return false;
    }

    /** Records a finding; one per rule and source line (a line calling two generator methods is one finding). */
    private void add(final String rule, final String owner, final String method, final int line,
                     final String detail) {
        final String className = owner.replace('/', '.');
        for (final Finding f : findings) {
            if (f.rule().equals(rule) && f.className().equals(className) && f.method().equals(method)
                && f.line() == line) {
                return;
            }
        }
        findings.add(new Finding(rule, className, method, line, detail));
    }
}
