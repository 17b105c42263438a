package dev.tradepulse.chat;

/** What a user may do, each role including the ones before it. */
public enum Role {
    /** Reading commands: status, health, profit, positions. */
    VIEWER,
    /** Halting, reducing, locking, acknowledging and silencing. */
    OPERATOR,
    /** Resuming, unlocking, and the bot's own actions. */
    ADMIN;

    /**
     * @param needed the role a command needs
     * @return whether this role may run it
     */
    public boolean covers(Role needed) {
        return compareTo(needed) >= 0;
    }
}
