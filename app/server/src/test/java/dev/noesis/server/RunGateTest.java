package dev.noesis.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class RunGateTest {

    @Test
    void aFullQueueIsRefusedAtOnceWith429AndAPlaceFreesWhenARunEnds() {
        RunGate gate = new RunGate(1);
        RunGate.Ticket running = gate.admit();
        RunGate.Ticket waiting = gate.admit();

        assertThatThrownBy(gate::admit).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(429);
            assertThat(e.retryAfterSeconds()).isPositive();
        });

        running.close();
        running.close(); // closing twice gives back one place only
        assertThat(gate.load()).isEqualTo(1);
        gate.admit().close();
        waiting.close();
        assertThat(gate.load()).isZero();
    }

    @Test
    void oneRunAtATimeHasTheModel() throws Exception {
        RunGate gate = new RunGate(4);
        RunGate.Ticket first = gate.admit();
        first.awaitTurn();
        RunGate.Ticket second = gate.admit();
        AtomicBoolean secondRan = new AtomicBoolean();
        CountDownLatch ran = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            try (second) {
                second.awaitTurn();
                secondRan.set(true);
                ran.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        t.start();

        assertThat(ran.await(200, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(secondRan).isFalse();
        first.close();
        assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
        t.join();
        assertThat(gate.load()).isZero();
    }
}
