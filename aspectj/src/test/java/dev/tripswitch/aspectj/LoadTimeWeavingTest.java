package dev.tripswitch.aspectj;

/** The fixture woven at load time: -javaagent:aspectjweaver in Surefire's argLine, the aop.xml tripswitch-aspectj ships. */
class LoadTimeWeavingTest extends WovenFixtureBuilds {

    @Override
    String weaving() {
        return "ltw";
    }
}
