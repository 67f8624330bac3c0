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

        communication(database, Lookups.COMMUNICATION_EMAIL, "Email", true, true);
        communication(database, Lookups.COMMUNICATION_SKYPE, "Skype", true, true);
        communication(database, Lookups.COMMUNICATION_WORK_PHONE, "Рабочий телефон", false, true);
        communication(database, Lookups.COMMUNICATION_MOBILE_PHONE, "Мобильный телефон", false, true);
        communication(database, Lookups.COMMUNICATION_HOME_PHONE, "Домашний телефон", false, true);
        communication(database, Lookups.COMMUNICATION_MAIN_PHONE, "Основной телефон", true, false);
        communication(database, Lookups.COMMUNICATION_ADDITIONAL_PHONE, "Дополнительный телефон", true, false);
        communication(database, Lookups.COMMUNICATION_OTHER_PHONE, "Другой телефон", true, true);
        communication(database, Lookups.COMMUNICATION_FAX, "Факс", true, true);
        communication(database, Lookups.COMMUNICATION_WEB, "Web", true, true);

        insert(database, Schema.ACTIVITY_TYPE, Lookups.ACTIVITY_TYPE_TASK, "Name", "Задача", "Code", "Task");
        insert(database, Schema.ACTIVITY_TYPE, Lookups.ACTIVITY_TYPE_EMAIL, "Name", "Email", "Code", "Email");
        insert(database, Schema.ACTIVITY_TYPE, Lookups.ACTIVITY_TYPE_CALL, "Name", "Звонок", "Code", "Call");
        insert(database, Schema.ACTIVITY_TYPE, Lookups.ACTIVITY_TYPE_VISIT, "Name", "Визит", "Code", "Visit");
        activityStatus(database, Lookups.ACTIVITY_STATUS_NOT_STARTED, "Не начата", "NotStarted", false);
        activityStatus(database, Lookups.ACTIVITY_STATUS_IN_PROGRESS, "В работе", "InProgress", false);
        activityStatus(database, Lookups.ACTIVITY_STATUS_DONE, "Завершена", "Finished", true);
        activityStatus(database, Lookups.ACTIVITY_STATUS_CANCELED, "Отменена", "Canceled", true);
        category(database, Lookups.ACTIVITY_CATEGORY_DO_IT, "Выполнить", Lookups.ACTIVITY_TYPE_TASK);
        category(database, Lookups.ACTIVITY_CATEGORY_EMAIL, "Email", Lookups.ACTIVITY_TYPE_EMAIL);
        category(database, Lookups.ACTIVITY_CATEGORY_CALL, "Звонок", Lookups.ACTIVITY_TYPE_CALL);
        category(database, Lookups.ACTIVITY_CATEGORY_MEETING, "Встреча", Lookups.ACTIVITY_TYPE_TASK);
        category(database, Lookups.ACTIVITY_CATEGORY_PAPERWORK, "Документооборот", Lookups.ACTIVITY_TYPE_TASK);
        insert(database, Schema.ACTIVITY_PRIORITY, Lookups.ACTIVITY_PRIORITY_MEDIUM, "Name", "Средний");
        insert(database, Schema.EMAIL_TYPE, Lookups.EMAIL_TYPE_INCOMING, "Name", "Входящее", "Code", "Incoming");
        insert(database, Schema.FILE_TYPE, Lookups.FILE_TYPE_FILE, "Name", "Файл");
        insert(database, Schema.FILE_TYPE, Lookups.FILE_TYPE_LINK, "Name", "Ссылка");
        insert(database, Schema.FILE_TYPE, Lookups.FILE_TYPE_ENTITY_LINK, "Name", "Ссылка на объект");
        insert(database, Schema.EMAIL_TYPE, Lookups.EMAIL_TYPE_OUTGOING, "Name", "Исходящее", "Code", "Outgoing");
        insert(database, Schema.MESSAGE_NOTIFIER, Lookups.NOTIFIER_EMAIL, "Name", "Email");
        insert(database, Schema.MESSAGE_NOTIFIER, Lookups.NOTIFIER_PORTAL, "Name", "Портал");
        insert(database, Schema.MESSAGE_NOTIFIER, Lookups.NOTIFIER_LOCAL, "Name", "Сообщение");

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

    private static void activityStatus(Database database, UUID id, String name, String code, boolean finish) {
        insert(database, Schema.ACTIVITY_STATUS, id, "Name", name, "Code", code, "Finish", finish);
    }

    private static void category(Database database, UUID id, String name, UUID type) {
        insert(database, Schema.ACTIVITY_CATEGORY, id, "Name", name, "ActivityTypeId", type);
    }

    private static void communication(
            Database database, UUID id, String name, boolean forAccounts, boolean forContacts) {
        insert(
                database,
                Schema.COMMUNICATION_TYPE,
                id,
                "Name",
                name,
                "UseforAccounts",
                forAccounts,
                "UseforContacts",
                forContacts);
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
        database.insert(database.schema().require(set), values);
    }
}
