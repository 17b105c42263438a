package dev.tradepulse.spring.boot.autoconfigure.aop;

import dev.tradepulse.api.support.Checks;
import dev.tradepulse.core.MethodChain;
import dev.tradepulse.core.Monitoring;
import dev.tradepulse.runtime.TradePulse;
import io.github.resilience4j.circuitbreaker.annotation.CircuitBreaker;
import io.github.resilience4j.retry.annotation.Retry;
import io.micrometer.core.annotation.Counted;
import io.micrometer.core.annotation.Timed;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.Advisor;
import org.springframework.aop.aspectj.AspectJPrecedenceInformation;
import org.springframework.aop.framework.Advised;
import org.springframework.aop.framework.AopInfrastructureBean;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.framework.ProxyProcessorSupport;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.BridgeMethodResolver;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Instruments Spring beans whose methods or classes carry {@code @Timed}, {@code @Counted},
 * {@code @Retry} or {@code @CircuitBreaker} with TradePulse's chains: per bean, once, it builds the
 * chain of every annotated method with {@link Monitoring#chain} (the chains
 * {@link TradePulse#instrument} builds, with the same meters and the same named retries and
 * breakers, declared with the {@code resilience.*} defaults as the runtime declares them), and
 * adds one advisor holding them. A bean without those annotations is left as it is.
 *
 * <p>Where the advisor goes: a bean that is already a Spring AOP proxy (of Micrometer's or
 * resilience4j's aspects, a transaction...) gets it added to that proxy, so that there is one
 * proxy: just inside Micrometer's {@code TimedAspect}/{@code CountedAspect} if the proxy has them
 * (their timer then measures the starter's retries, as TradePulse's own timer would), otherwise
 * first (so the starter's timer measures resilience4j's retries, and a retry runs outside a
 * transaction). Other beans get a proxy of their own: a class-based (CGLIB) proxy when
 * {@code spring.aop.proxy-target-class} is true, Spring Boot's default, so that a bean injected
 * by its class keeps working; otherwise a JDK proxy of its interfaces when it has some.
 *
 * <p>Annotations are read as {@code TradePulse.instrument} reads them, from the implementation's
 * method and class, then from the interface's (on a class-based proxy, an interface's annotated
 * declaration counts when the class's own method carries none).
 *
 * <p>What is applied is decided once by {@link AnnotationBackOff} and logged in one INFO line.
 * A method whose chain has a problem (a fallback method that does not fit, say) fails the bean's
 * creation, naming the method. Runs after every other post-processor, in particular after the
 * auto-proxy creator. Thread-safe after construction.
 */
public final class TradePulseAnnotationsPostProcessor extends ProxyProcessorSupport
        implements BeanPostProcessor, BeanFactoryAware {

    private static final long serialVersionUID = 1L;

    private static final Logger LOG = LoggerFactory.getLogger(TradePulseAnnotationsPostProcessor.class);

    private static final List<Class<? extends Annotation>> ALL =
            List.of(Timed.class, Counted.class, Retry.class, CircuitBreaker.class);

    private static final Set<String> MICROMETER_ASPECTS =
            Set.of("io.micrometer.core.aop.TimedAspect", "io.micrometer.core.aop.CountedAspect");

    private final transient ObjectProvider<TradePulse> tradePulse;
    private transient @Nullable ListableBeanFactory beans;
    private transient volatile @Nullable AnnotationBackOff backOff;

    /**
     * @param tradePulse the runtime, resolved when the first annotated bean is met
     * @param proxyTargetClass whether beans without a proxy get a class-based one
     *     ({@code spring.aop.proxy-target-class}, true by default in Spring Boot)
     * @throws NullPointerException if {@code tradePulse} is null
     */
    public TradePulseAnnotationsPostProcessor(ObjectProvider<TradePulse> tradePulse, boolean proxyTargetClass) {
        this.tradePulse = Checks.notNull(tradePulse, "tradePulse");
        setProxyTargetClass(proxyTargetClass);
    }

    /**
     * Decides what backs off, from the bean definitions (all registered by the time post-processors
     * are created), and says so in one INFO line.
     */
    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        if (beanFactory instanceof ListableBeanFactory listable) {
            this.beans = listable;
        }
        backOff();
    }

    /**
     * What this post-processor applies; decided once, when it is created, and logged.
     *
     * @return the decision
     */
    public AnnotationBackOff backOff() {
        AnnotationBackOff decided = backOff;
        if (decided == null) {
            synchronized (this) {
                decided = backOff;
                if (decided == null) {
                    ListableBeanFactory factory = beans;
                    decided = factory == null ? new AnnotationBackOff(Set.copyOf(ALL), Map.of())
                            : AnnotationBackOff.decide(factory, getProxyClassLoader());
                    LOG.info(decided.describe());
                    backOff = decided;
                }
            }
        }
        return decided;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
        if (bean instanceof AopInfrastructureBean || bean instanceof TradePulse || bean instanceof Monitoring) {
            return bean;
        }
        Class<?> targetClass = ClassUtils.getUserClass(AopUtils.getTargetClass(bean));
        if (!carriesAny(targetClass, ALL)) {
            return bean;
        }
        Set<Class<? extends Annotation>> applied = backOff().applied();
        if (applied.isEmpty() || !carriesAny(targetClass, applied)) {
            return bean;
        }
        Monitoring monitoring = tradePulse.getObject().monitoring();
        declareNamed(monitoring, targetClass, applied);
        if (bean instanceof Advised advised && !advised.isFrozen()) {
            Map<Method, MethodChain> chains = chains(beanName, monitoring, targetClass, applied,
                    methods(targetClass, AopUtils.isJdkDynamicProxy(bean) ? advised.getProxiedInterfaces() : null));
            if (!chains.isEmpty()) {
                advised.addAdvisor(position(advised), new ChainInterceptor(chains));
            }
            return bean;
        }
        ProxyFactory proxyFactory = new ProxyFactory(bean);
        proxyFactory.copyFrom(this);
        if (!proxyFactory.isProxyTargetClass()) {
            evaluateProxyInterfaces(targetClass, proxyFactory);
        }
        boolean jdk = !proxyFactory.isProxyTargetClass() && proxyFactory.getProxiedInterfaces().length > 0;
        Map<Method, MethodChain> chains = chains(beanName, monitoring, targetClass, applied,
                methods(targetClass, jdk ? proxyFactory.getProxiedInterfaces() : null));
        if (chains.isEmpty()) {
            return bean;
        }
        proxyFactory.addAdvisor(new ChainInterceptor(chains));
        return proxyFactory.getProxy(getProxyClassLoader());
    }

    /** Just inside Micrometer's aspects if the proxy has them, otherwise first. */
    private int position(Advised advised) {
        Advisor[] advisors = advised.getAdvisors();
        ListableBeanFactory factory = beans;
        int position = 0;
        for (int i = 0; i < advisors.length; i++) {
            if (factory != null && advisors[i] instanceof AspectJPrecedenceInformation aspect
                    && isMicrometerAspect(factory, aspect.getAspectName())) {
                position = i + 1;
            }
        }
        return position;
    }

    private boolean isMicrometerAspect(ListableBeanFactory factory, String beanName) {
        if (!factory.containsBean(beanName)) {
            return false;
        }
        Class<?> type = factory.getType(beanName, false);
        return type != null && MICROMETER_ASPECTS.contains(ClassUtils.getUserClass(type).getName());
    }

    /**
     * The methods a proxy passes to its interceptors: those of {@code interfaces} for a JDK proxy,
     * otherwise the class's own overridable methods, bridge methods included.
     */
    private static List<Method> methods(Class<?> targetClass, Class<?> @Nullable [] interfaces) {
        List<Method> methods = new ArrayList<>();
        if (interfaces != null) {
            for (Class<?> type : interfaces) {
                for (Method m : type.getMethods()) {
                    if (!Modifier.isStatic(m.getModifiers())) {
                        methods.add(m);
                    }
                }
            }
            return methods;
        }
        ReflectionUtils.doWithMethods(targetClass, methods::add, m -> {
            int mods = m.getModifiers();
            return !Modifier.isStatic(mods) && !Modifier.isPrivate(mods) && !Modifier.isFinal(mods)
                    && m.getDeclaringClass() != Object.class;
        });
        return methods;
    }

    private static Map<Method, MethodChain> chains(String beanName, Monitoring monitoring, Class<?> targetClass,
            Set<Class<? extends Annotation>> applied, List<Method> methods) {
        Map<Method, MethodChain> chains = new HashMap<>();
        Map<Method, Optional<MethodChain>> byBridged = new HashMap<>();
        Set<String> seen = new HashSet<>();
        List<IllegalArgumentException> problems = new ArrayList<>();
        for (Method method : methods) {
            if (!seen.add(method.getName() + Arrays.toString(method.getParameterTypes()))) {
                continue; // overridden: the proxy passes the most specific declaration, met first
            }
            Method real = BridgeMethodResolver.findBridgedMethod(method);
            Optional<MethodChain> chain = byBridged.get(real);
            if (chain == null) {
                try {
                    chain = monitoring.chain(real, targetClass, applied);
                    if (chain.isEmpty() && !real.getDeclaringClass().isInterface()) {
                        chain = throughInterface(monitoring, real, targetClass, applied);
                    }
                } catch (IllegalArgumentException e) {
                    problems.add(e);
                    chain = Optional.empty();
                }
                byBridged.put(real, chain);
            }
            chain.ifPresent(c -> chains.put(method, c));
        }
        if (!problems.isEmpty()) {
            BeanCreationException failure = new BeanCreationException(beanName,
                    "TradePulse cannot instrument the bean's annotations: "
                            + String.join("; ", problems.stream().map(Throwable::getMessage).toList()),
                    problems.get(0));
            problems.subList(1, problems.size()).forEach(failure::addSuppressed);
            throw failure;
        }
        return chains;
    }

    /**
     * A class-based proxy passes the class's method: if only an interface's declaration of it is
     * annotated, its chain is the one {@code instrument(Interface, bean)} builds, so that both kinds
     * of proxy read the same annotations.
     */
    private static Optional<MethodChain> throughInterface(Monitoring monitoring, Method method, Class<?> targetClass,
            Set<Class<? extends Annotation>> applied) {
        for (Class<?> type : ClassUtils.getAllInterfacesForClassAsSet(targetClass)) {
            Method declared = ReflectionUtils.findMethod(type, method.getName(), method.getParameterTypes());
            if (declared != null && !Modifier.isStatic(declared.getModifiers())) {
                Optional<MethodChain> chain = monitoring.chain(declared, targetClass, applied);
                if (chain.isPresent()) {
                    return chain;
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Registers every retry and breaker the class's annotations name, with the registries' defaults
     * (the {@code resilience.*} settings), as {@link TradePulse#instrument} does.
     */
    private static void declareNamed(Monitoring monitoring, Class<?> targetClass, Set<Class<? extends Annotation>> applied) {
        Set<AnnotatedElement> elements = new LinkedHashSet<>();
        elements.add(targetClass);
        elements.addAll(ClassUtils.getAllInterfacesForClassAsSet(targetClass));
        for (Class<?> c = targetClass; c != null && c != Object.class; c = c.getSuperclass()) {
            elements.addAll(List.of(c.getDeclaredMethods()));
        }
        for (Class<?> type : ClassUtils.getAllInterfacesForClassAsSet(targetClass)) {
            elements.addAll(List.of(type.getMethods()));
        }
        for (AnnotatedElement element : elements) {
            if (applied.contains(Retry.class)) {
                for (Retry retry : element.getAnnotationsByType(Retry.class)) {
                    if (!retry.name().isBlank()) {
                        monitoring.retryRegistry().retry(retry.name());
                    }
                }
            }
            if (applied.contains(CircuitBreaker.class)) {
                for (CircuitBreaker breaker : element.getAnnotationsByType(CircuitBreaker.class)) {
                    if (!breaker.name().isBlank()) {
                        monitoring.circuitBreakerRegistry().circuitBreaker(breaker.name());
                    }
                }
            }
        }
    }

    /** Whether the class, a superclass, an interface or one of their methods carries one of {@code annotations}. */
    private static boolean carriesAny(Class<?> targetClass, Iterable<Class<? extends Annotation>> annotations) {
        Set<Class<?>> types = new LinkedHashSet<>();
        for (Class<?> c = targetClass; c != null && c != Object.class; c = c.getSuperclass()) {
            types.add(c);
        }
        types.addAll(ClassUtils.getAllInterfacesForClassAsSet(targetClass));
        for (Class<?> type : types) {
            if (has(type, annotations)) {
                return true;
            }
            for (Method m : type.getDeclaredMethods()) {
                if (has(m, annotations)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean has(AnnotatedElement element, Iterable<Class<? extends Annotation>> annotations) {
        for (Class<? extends Annotation> annotation : annotations) {
            if (element.getAnnotationsByType(annotation).length > 0) {
                return true;
            }
        }
        return false;
    }
}
