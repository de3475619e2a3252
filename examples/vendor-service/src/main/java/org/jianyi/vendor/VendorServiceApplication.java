package org.jianyi.vendor;

import javax.sql.DataSource;
import jianyi.JianyiException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A vendor's server embedding the jianyi core (issue 19): several instances of it share one
 * PostgreSQL database holding the ledger, one row per line.
 */
@SpringBootApplication
public class VendorServiceApplication {
    public static void main(String[] args) {
        SpringApplication.run(VendorServiceApplication.class, args);
    }

    @Bean
    LedgerStore ledgerStore(DataSource dataSource) {
        return new LedgerStore(dataSource);
    }

    /** Replays the store at startup; a tampered row stops the instance, named by its seq. */
    @Bean(destroyMethod = "close")
    LedgerService ledgerService(LedgerStore store, @Value("${jianyi.preset:seed-city}") String preset)
            throws JianyiException {
        return new LedgerService(store, preset);
    }
}
