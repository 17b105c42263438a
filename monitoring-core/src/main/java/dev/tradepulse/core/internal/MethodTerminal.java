package dev.tradepulse.core.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/** The innermost layer: calls the real method on the target and unwraps what it threw. */
final class MethodTerminal implements Invoker {

    private final Method method;

    MethodTerminal(Method method) {
        this.method = method;
    }

    @Override
    public Object invoke(Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
