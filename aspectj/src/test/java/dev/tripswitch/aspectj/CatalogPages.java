package dev.tripswitch.aspectj;

import dev.tripswitch.CircuitProtected;

/** A page object protected as a whole: every public method it declares asks circuit "catalog". */
@CircuitProtected(value = "catalog", failureThreshold = 1)
public class CatalogPages {

    volatile RuntimeException nextFailure;

    public String open(String page) {
        RuntimeException f = nextFailure;
        if (f != null) {
            throw f;
        }
        return "page " + page;
    }

    public static String home() {
        return "home";
    }

    /** Not public: not protected by the class's annotation. */
    String internalName() {
        return "catalog";
    }

    @Override
    public String toString() {
        return "CatalogPages";
    }
}
