package io.casegate.sandbox.odata;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** The lookups and reference data that a fresh sandbox starts with. */
final class Seed {

    private Seed() {}

    static void into(Database database) {
        insert(database, Schema.CONTACT, Lookups.SUPERVISOR, "Name", "Supervisor");

        status(database, Lookups.STATUS_NEW, "Новое", false, false, false, 1);
        status(database, Lookups.STATUS_IN_PROGRESS, "В работе", false, false, false, 2);
        status(database, Lookups.STATUS_PENDING, "Ожидает ответа", false, false, true, 3);
        status(database, Lookups.STATUS_REOPENED, "Переоткрыто", false, false, false, 2);
        status(database, Lookups.STATUS_CLOSED, "Закрыто", true, true, false, 5);
        status(database, Lookups.STATUS_CANCELED, "Отменено", true, false, false, 5);

        insert(database, Schema.CASE_CATEGORY, Lookups.CATEGORY_INCIDENT, "Name", "Инцидент");
        insert(database, Schema.CASE_CATEGORY, Lookups.CATEGORY_SERVICE_REQUEST, "Name", "Запрос на обслуживание");

        insert(database, Schema.CASE_ORIGIN, Lookups.ORIGIN_EMAIL, "Name", "Email");
        insert(database, Schema.CASE_ORIGIN, Lookups.ORIGIN_PORTAL, "Name", "Портал самообслуживания");
        insert(database, Schema.CASE_ORIGIN, Lookups.ORIGIN_WEB, "Name", "Сайт");
        insert(database, Schema.CASE_ORIGIN, Lookups.ORIGIN_PHONE, "Name", "Звонок");

        insert(database, Schema.CASE_PRIORITY, Lookups.PRIORITY_LOW, "Name", "Низкий");
        insert(database, Schema.CASE_PRIORITY, Lookups.PRIORITY_MEDIUM, "Name", "Средний");
        insert(database, Schema.CASE_PRIORITY, Lookups.PRIORITY_HIGH, "Name", "Высокий");
        insert(database, Schema.CASE_PRIORITY, Lookups.PRIORITY_CRITICAL, "Name", "Критический");

        service(
                database,
                Lookups.SERVICE_ATOL_ONLINE,
                "АТОЛ Онлайн",
                "Облачная фискализация: подключение, чеки, ошибки ОФД");
        service(
                database,
                Lookups.SERVICE_CASH_SOFTWARE,
                "Кассовое ПО",
                "Установка, обновление и настройка кассовых программ");
        service(
                database,
                Lookups.SERVICE_EQUIPMENT,
                "Оборудование",
                "Ремонт и настройка ККТ, сканеров, принтеров этикеток");
        service(
                database,
                Lookups.SERVICE_LABELLING,
                "Маркировка",
                "Работа с маркированными товарами и «Честным знаком»");
    }

    private static void status(
            Database database,
            UUID id,
            String name,
            boolean isFinal,
            boolean isResolved,
            boolean isPaused,
            long stage) {
        insert(
                database,
                Schema.CASE_STATUS,
                id,
                "Name",
                name,
                "IsFinal",
                isFinal,
                "IsResolved",
                isResolved,
                "IsPaused",
                isPaused,
                "StageNumber",
                stage);
    }

    private static void service(Database database, UUID id, String name, String description) {
        insert(
                database,
                Schema.SERVICE_ITEM,
                id,
                "Name",
                name,
                "Description",
                description,
                "CaseCategoryId",
                Lookups.CATEGORY_SERVICE_REQUEST);
    }

    private static void insert(Database database, String set, UUID id, Object... columnsAndValues) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("Id", id);
        for (int i = 0; i < columnsAndValues.length; i += 2) {
            values.put((String) columnsAndValues[i], columnsAndValues[i + 1]);
        }
        database.insert(Schema.require(set), values);
    }
}
