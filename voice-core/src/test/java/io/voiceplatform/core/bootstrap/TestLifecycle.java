package io.voiceplatform.core.bootstrap;

import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

class TestLifecycle {
    @Test
    void stopsInReverseOrderOnceAndGoesOnPastAFailure() {
        Runnable providers = mock(Runnable.class);
        Runnable stt = mock(Runnable.class);
        Runnable broken = mock(Runnable.class);
        Runnable tts = mock(Runnable.class);
        Runnable performance = mock(Runnable.class);
        doThrow(new IllegalStateException("boom")).when(broken).run();
        Lifecycle lifecycle = new Lifecycle();
        lifecycle.started("providers", providers);
        lifecycle.started("stt", stt);
        lifecycle.started("broken", broken);
        lifecycle.started("tts", tts);
        lifecycle.started("performance", performance);

        lifecycle.stop();
        lifecycle.stop();

        InOrder order = inOrder(performance, tts, broken, stt, providers);
        order.verify(performance).run();
        order.verify(tts).run();
        order.verify(broken).run();
        order.verify(stt).run();
        order.verify(providers).run();
        order.verifyNoMoreInteractions();
        verify(providers).run();
        assertThrows(IllegalStateException.class, () -> lifecycle.started("late", () -> { }));
    }
}
