package dev.tradepulse.runtime.archfixture;

/** ModuleBoundariesTest's fixtures in runtime. */
public final class RuntimeFixtures {

    /** Stands for any class of runtime, the top layer. */
    public static final class RuntimeClass {
    }
}
