package dev.tripswitch.aspectj;

/** The fixture woven by dev.aspectj:aspectj-maven-plugin, tripswitch-aspectj as its aspect library. */
class CompileTimeWeavingTest extends WovenFixtureBuilds {

    @Override
    String weaving() {
        return "ctw";
    }
}
