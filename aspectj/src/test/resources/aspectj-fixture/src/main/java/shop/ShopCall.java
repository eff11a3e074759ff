package shop;

import dev.tripswitch.CircuitProtected;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A user's own annotation that carries @CircuitProtected, put on a whole client class. */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@CircuitProtected(value = "meta", failureThreshold = 2, halfOpenAfter = "1h", recoveryTimeout = "1h")
public @interface ShopCall {
}
