package dev.tradepulse.core.internal;

/**
 * Whether ByteBuddy can be loaded. Kept apart from {@link SubclassProxies}: linking that class
 * loads ByteBuddy types, so asking it would itself throw {@code NoClassDefFoundError} when
 * ByteBuddy is absent. This class names none.
 */
final class ByteBuddyPresence {

    private static final boolean PRESENT = probe();

    private ByteBuddyPresence() {
    }

    static boolean present() {
        return PRESENT;
    }

    private static boolean probe() {
        try {
            Class.forName("net.bytebuddy.ByteBuddy", false, ByteBuddyPresence.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
