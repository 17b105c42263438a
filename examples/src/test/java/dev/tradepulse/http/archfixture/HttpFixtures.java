package dev.tradepulse.http.archfixture;

/** ModuleBoundariesTest's fixtures in http. */
public final class HttpFixtures {

    /** Stands for any class of http. */
    public static final class HttpClass {
    }
}
