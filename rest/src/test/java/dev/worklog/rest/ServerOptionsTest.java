package dev.worklog.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.worklog.config.WorkLogConfig;
import dev.worklog.error.ConfigurationException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The built-in server's settings: defaults, the variables that set them, and clear errors naming the variable. */
class ServerOptionsTest {
    @Test
    void defaultsWhenNothingIsConfigured() {
        ServerOptions o = ServerOptions.fromConfig(WorkLogConfig.empty());
        assertThat(o).isEqualTo(ServerOptions.builder().build());
        assertThat(o.bind()).isEqualTo("0.0.0.0");
        assertThat(o.port()).isEqualTo(8000);
        assertThat(o.threads()).isEqualTo(ServerOptions.DEFAULT_THREADS).isGreaterThanOrEqualTo(4);
        assertThat(o.queue()).isEqualTo(64);
        assertThat(o.shutdownTimeout()).isEqualTo(Duration.ofSeconds(8));
        assertThat(o.headerTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(o.bodyTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(o.idleTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(o.maxConnections()).isEqualTo(1000);
    }

    @Test
    void everyVariableSetsItsOption() {
        ServerOptions o = ServerOptions.fromConfig(WorkLogConfig.of(Map.of("PORT", "0", "WORKLOG_BIND", "127.0.0.1",
                "WORKLOG_SERVER_THREADS", "3", "WORKLOG_SERVER_QUEUE", "0", "WORKLOG_SHUTDOWN_TIMEOUT", "2s",
                "WORKLOG_SERVER_HEADER_TIMEOUT", "1s", "WORKLOG_SERVER_BODY_TIMEOUT", "4s",
                "WORKLOG_SERVER_IDLE_TIMEOUT", "5s", "WORKLOG_SERVER_MAX_CONNECTIONS", "7")));
        assertThat(o).isEqualTo(ServerOptions.builder().port(0).bind("127.0.0.1").threads(3).queue(0)
                .shutdownTimeout(Duration.ofSeconds(2)).headerTimeout(Duration.ofSeconds(1))
                .bodyTimeout(Duration.ofSeconds(4)).idleTimeout(Duration.ofSeconds(5)).maxConnections(7).build());
    }

    @Test
    void aBadValueNamesItsVariable() {
        for (Map.Entry<String, String> bad : Map.of("PORT", "65536", "WORKLOG_SERVER_THREADS", "0",
                "WORKLOG_SERVER_QUEUE", "-1", "WORKLOG_SERVER_HEADER_TIMEOUT", "0s", "WORKLOG_SERVER_IDLE_TIMEOUT",
                "soon", "WORKLOG_SERVER_MAX_CONNECTIONS", "0").entrySet()) {
            assertThatThrownBy(() -> ServerOptions.fromConfig(WorkLogConfig.of(Map.of(bad.getKey(), bad.getValue()))))
                    .as(bad.toString()).isInstanceOf(ConfigurationException.class).hasMessageContaining(bad.getKey());
        }
    }

    @Test
    void theBuilderRefusesWhatNoServerCouldUse() {
        assertThatThrownBy(() -> ServerOptions.builder().threads(0).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServerOptions.builder().port(70_000).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServerOptions.builder().bodyTimeout(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bodyTimeout");
        assertThatThrownBy(() -> ServerOptions.builder().bind(null).build()).isInstanceOf(NullPointerException.class);
    }
}
