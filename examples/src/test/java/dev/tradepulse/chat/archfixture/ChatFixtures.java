package dev.tradepulse.chat.archfixture;

import dev.tradepulse.runtime.archfixture.RuntimeFixtures;
import dev.tradepulse.trading.archfixture.TradingFixtures;

/** ModuleBoundariesTest's fixtures in chat: each breaks one rule on purpose. */
public final class ChatFixtures {

    /** chat depends on api only. */
    public static final class ChatUsesTrading {
        TradingFixtures.TradingClass trading;
    }

    /** No library module depends on the runtime, which sits on top of them all. */
    public static final class ChatUsesRuntime {
        RuntimeFixtures.RuntimeClass runtime;
    }
}
