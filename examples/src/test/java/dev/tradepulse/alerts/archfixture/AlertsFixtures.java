package dev.tradepulse.alerts.archfixture;

import dev.tradepulse.compliance.archfixture.ComplianceFixtures;
import dev.tradepulse.trading.archfixture.TradingFixtures;

/** ModuleBoundariesTest's fixtures in alerts: each breaks one rule on purpose. */
public final class AlertsFixtures {

    /** Stands for any class of alerts. */
    public static final class AlertsClass {
    }

    /** alerts does not depend on compliance. */
    public static final class AlertsUsesCompliance {
        ComplianceFixtures.ComplianceClass compliance;
    }

    /** One half of a cycle between two modules (the other is TradingFixtures.TradingUsesAlerts). */
    public static final class AlertsUsesTrading {
        TradingFixtures.TradingClass trading;
    }
}
