package dev.tradepulse.trading.archfixture;

import dev.tradepulse.alerts.archfixture.AlertsFixtures;
import dev.tradepulse.http.archfixture.HttpFixtures;

/** ModuleBoundariesTest's fixtures in trading: each breaks one rule on purpose. */
public final class TradingFixtures {

    /** Stands for any class of trading. */
    public static final class TradingClass {
    }

    /** trading does not depend on http. */
    public static final class TradingUsesHttp {
        HttpFixtures.HttpClass http;
    }

    /** The other half of the cycle with AlertsFixtures.AlertsUsesTrading. */
    public static final class TradingUsesAlerts {
        AlertsFixtures.AlertsClass alerts;
    }
}
