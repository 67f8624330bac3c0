package io.casegate.crm.control;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import io.casegate.crm.entity.ServiceOption;

/**
 * The last service list that the CRM gave, in the table {@code crm_service}, shared by every node
 * and kept across restarts. Each save is a listing of its own; the newest listing is the list.
 */
@ApplicationScoped
public class StoredServiceList {

    @PersistenceContext(unitName = "casegate")
    EntityManager em;

    @Inject
    Clock clock;

    /** The newest listing's services, in the CRM's order; empty when none was ever stored. */
    @Transactional(TxType.REQUIRES_NEW)
    public List<ServiceOption> load() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT listing_id, service_id, name FROM crm_service"
                        + " ORDER BY listed_at DESC, listing_id, ordinal")
                .getResultList();
        List<ServiceOption> services = new ArrayList<>();
        Object newest = rows.isEmpty() ? null : rows.get(0)[0];
        for (Object[] row : rows) {
            if (!row[0].equals(newest)) {
                break;
            }
            services.add(new ServiceOption((String) row[1], (String) row[2]));
        }
        return services;
    }

    /** Stores {@code services} as the newest listing and removes the older ones. */
    @Transactional(TxType.REQUIRES_NEW)
    public void save(List<ServiceOption> services) {
        String listing = UUID.randomUUID().toString();
        Timestamp now = Timestamp.from(clock.instant());
        int ordinal = 0;
        for (ServiceOption service : services) {
            em.createNativeQuery("INSERT INTO crm_service (listing_id, ordinal, service_id, name, listed_at)"
                            + " VALUES (?, ?, ?, ?, ?)")
                    .setParameter(1, listing)
                    .setParameter(2, ordinal++)
                    .setParameter(3, clip(service.id()))
                    .setParameter(4, clip(service.name()))
                    .setParameter(5, now)
                    .executeUpdate();
        }
        em.createNativeQuery("DELETE FROM crm_service WHERE listing_id <> ? AND listed_at <= ?")
                .setParameter(1, listing)
                .setParameter(2, now)
                .executeUpdate();
    }

    /** A list kept in memory only, for tests that wire the catalog by hand. */
    public static StoredServiceList inMemory() {
        return new StoredServiceList() {
            private volatile List<ServiceOption> last = List.of();

            @Override
            public List<ServiceOption> load() {
                return last;
            }

            @Override
            public void save(List<ServiceOption> services) {
                last = List.copyOf(services);
            }
        };
    }

    private static String clip(String text) {
        return text.length() <= 250 ? text : text.substring(0, 250);
    }
}
