package io.casegate.crm.control;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.casegate.crm.entity.DeliveryPreview;
import io.casegate.crm.entity.MappingRequirement;
import io.casegate.crm.entity.RequirementCheck;
import io.casegate.platform.Texts;
import io.casegate.testing.MapConfig;

/** Every finding and every source the CRM check page can show has its text in Russian and in English. */
class CrmCheckTextsTest {

    static final Pattern CYRILLIC = Pattern.compile("\\p{IsCyrillic}");
    static final List<Locale> LOCALES = List.of(Locale.forLanguageTag("ru"), Locale.ENGLISH);

    @Test
    void everyFindingReadsInBothLanguagesWithoutAQuoteLeftOver() {
        for (RequirementCheck.Finding finding : RequirementCheck.Finding.values()) {
            RequirementCheck check = new RequirementCheck(
                    MappingRequirement.record("CaseOrigin", UUID.randomUUID(), "casegate.crm.case-origin-id"),
                    finding,
                    "HTTP 403");
            for (Locale locale : LOCALES) {
                String text = Texts.text(locale, check.messageKey(), check.messageArguments());
                assertFalse(text.contains("''") || text.contains("{"), locale + " " + finding + ": " + text);
                // English falls back to the Russian base bundle when its key is missing.
                assertFalse(locale == Locale.ENGLISH && CYRILLIC.matcher(text).find(), text);
            }
        }
    }

    @Test
    void everySourceOfEveryMappingReadsInBothLanguages() {
        List<DeliveryPreview.Column> columns = new ArrayList<>();
        for (Map<String, String> config : List.of(
                Map.<String, String>of(),
                Map.of(
                        "casegate.crm.account-inn-column",
                        "UsrInn",
                        "casegate.crm.default-service-id",
                        UUID.randomUUID().toString(),
                        "casegate.crm.message-target",
                        "case-message-history"))) {
            DeliveryPreviews.of(CrmSettings.from(MapConfig.of(config)).mapping())
                    .records()
                    .forEach(record -> {
                        columns.addAll(record.columns());
                        for (Locale locale : LOCALES) {
                            String title = Texts.text(locale, "crmCheck.record." + record.record());
                            assertFalse(
                                    locale == Locale.ENGLISH
                                            && CYRILLIC.matcher(title).find(),
                                    title);
                        }
                    });
        }
        for (DeliveryPreview.Column column : columns) {
            for (Locale locale : LOCALES) {
                String text = Texts.text(locale, column.sourceKey(), column.value(), column.configKey());
                assertFalse(text.contains("''") || text.contains("{"), locale + " " + column + ": " + text);
                assertFalse(locale == Locale.ENGLISH && CYRILLIC.matcher(text).find(), text);
            }
        }
    }
}
