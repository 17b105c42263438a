package dev.tradepulse.health.archfixture;

import dev.tradepulse.core.archfixture.CoreFixtures;
import dev.tradepulse.core.internal.CoreInternalFixture;

/** ModuleBoundariesTest's fixtures in health: each breaks one rule on purpose. */
public final class HealthFixtures {

    /** Stands for any class of health. */
    public static final class HealthClass {
    }

    /** health must depend on api only. */
    public static final class HealthUsesCore {
        CoreFixtures.CoreClass core;
    }

    /** No module reaches into another's internal package. */
    public static final class HealthUsesCoreInternal {
        CoreInternalFixture internal;
    }
}
