package fi.lupaus.console.decide;

import java.util.concurrent.CountDownLatch;

/** What a rule calls to be stuck inside one firing until the test lets it go, without spinning a core. */
public final class Stuck {

    static final CountDownLatch RELEASE = new CountDownLatch(1);

    private Stuck() {
    }

    public static boolean untilReleased() throws InterruptedException {
        RELEASE.await();
        return true;
    }
}
