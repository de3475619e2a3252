package org.jianyi.vendor;

import java.net.URI;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** One service instance in this JVM, on a random loopback port, on the given database. */
final class Instance implements AutoCloseable {
    final ConfigurableApplicationContext context;
    final URI base;

    private Instance(ConfigurableApplicationContext context) {
        this.context = context;
        this.base = URI.create("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port"));
    }

    static Instance start(String databaseUrl) {
        return new Instance(new SpringApplicationBuilder(VendorServiceApplication.class)
                .properties("server.port=0", "server.address=127.0.0.1",
                        "spring.datasource.url=" + databaseUrl,
                        "spring.jmx.enabled=false", "logging.level.root=WARN")
                .run());
    }

    URI uri(String path) {
        return base.resolve(path);
    }

    @Override
    public void close() {
        context.close();
    }
}
