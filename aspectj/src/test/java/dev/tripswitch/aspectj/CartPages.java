package dev.tripswitch.aspectj;

import dev.tripswitch.CircuitProtected;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A page object protected through an annotation of the user's own that carries @CircuitProtected. */
@CartPages.CartCircuit
public class CartPages {

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @CircuitProtected(value = "cart", failureThreshold = 1)
    @interface CartCircuit {
    }

    public String add(String item) {
        return "added " + item;
    }
}
