package io.casegate.sandbox.odata;

import java.util.UUID;

/**
 * Well-known ids. Those from Creatio's configuration are documented in the reference; the rest are
 * the sandbox's own stable inventions (docs/sandbox.md lists which is which).
 */
public final class Lookups {

    public static final UUID SUPERVISOR = UUID.fromString("410006e1-ca4e-4502-a9ec-e54d922d2c00");

    static final UUID STATUS_NEW = UUID.fromString("ae5f2f10-f46b-1410-fd9a-0050ba5d6c38");
    static final UUID STATUS_IN_PROGRESS = UUID.fromString("7e9f1204-f46b-1410-fb9a-0050ba5d6c38");
    static final UUID STATUS_PENDING = UUID.fromString("56022749-b807-48ff-876c-0b9133d90365");
    static final UUID STATUS_REOPENED = UUID.fromString("f063ebbe-fdc6-4982-8431-d8cfa52fedcf");
    static final UUID STATUS_CLOSED = UUID.fromString("3e7f420c-f46b-1410-fc9a-0050ba5d6c38");
    static final UUID STATUS_CANCELED = UUID.fromString("6e5f4218-f46b-1410-fe9a-0050ba5d6c38");

    static final UUID CATEGORY_INCIDENT = UUID.fromString("1b0bc159-150a-e111-a31b-00155d04c01d");
    static final UUID CATEGORY_SERVICE_REQUEST = UUID.fromString("1c0bc159-150a-e111-a31b-00155d04c01d");

    static final UUID ORIGIN_EMAIL = UUID.fromString("7f9e1f1e-f46b-1410-3492-0050ba5d6c38");
    static final UUID ORIGIN_PORTAL = UUID.fromString("debf4124-f46b-1410-3592-0050ba5d6c38");
    static final UUID ORIGIN_WEB = UUID.fromString("ea71fe35-d1ca-4d8e-ac83-db4bc6a13d4e");
    static final UUID ORIGIN_PHONE = UUID.fromString("e1841ba9-cc9b-4e7f-965f-749b4e43b1d0");

    static final UUID PRIORITY_LOW = UUID.fromString("e1d006ae-c99d-44eb-b05d-0af3baa2c626");
    static final UUID PRIORITY_MEDIUM = UUID.fromString("de87256f-7baa-412d-8fbd-0f0be875927c");
    static final UUID PRIORITY_HIGH = UUID.fromString("08d18851-72d1-44c1-b487-5f2347c92d30");
    static final UUID PRIORITY_CRITICAL = UUID.fromString("6949c396-1a2a-4da0-ba09-dae4e50146d4");

    static final UUID SERVICE_ATOL_ONLINE = UUID.fromString("2bca0b1d-bbd6-432b-b679-f40c2bbef6c8");
    static final UUID SERVICE_CASH_SOFTWARE = UUID.fromString("022093db-9f4d-40fa-9694-45b2769363f3");
    static final UUID SERVICE_EQUIPMENT = UUID.fromString("363017bf-12cf-41ef-96d7-a1df72eb9d50");
    static final UUID SERVICE_LABELLING = UUID.fromString("35fa5b87-ffd1-44d1-87c0-aaec84c851a8");

    public static final UUID FILE_TYPE_FILE = UUID.fromString("529bc2f8-0ee0-df11-971b-001d60e938c6");
    public static final UUID FILE_TYPE_LINK = UUID.fromString("539bc2f8-0ee0-df11-971b-001d60e938c6");
    static final UUID FILE_TYPE_ENTITY_LINK = UUID.fromString("549bc2f8-0ee0-df11-971b-001d60e938c6");

    // CommunicationTypeConsts.CrtBaseConsts.cs (shiva01chh/CreatioDemoProject).
    static final UUID COMMUNICATION_EMAIL = UUID.fromString("ee1c85c3-cfcb-df11-9b2a-001d60e938c6");
    static final UUID COMMUNICATION_SKYPE = UUID.fromString("09e4bda6-cfcb-df11-9b2a-001d60e938c6");
    static final UUID COMMUNICATION_HOME_PHONE = UUID.fromString("0da6a26b-d7bc-df11-b00f-001d60e938c6");
    static final UUID COMMUNICATION_MOBILE_PHONE = UUID.fromString("d4a2dc80-30ca-df11-9b2a-001d60e938c6");
    static final UUID COMMUNICATION_WORK_PHONE = UUID.fromString("3dddb3cc-53ee-49c4-a71f-e9e257f59e49");
    static final UUID COMMUNICATION_WEB = UUID.fromString("6a8ba927-67cc-df11-9b2a-001d60e938c6");
    static final UUID COMMUNICATION_MAIN_PHONE = UUID.fromString("6a3fb10c-67cc-df11-9b2a-001d60e938c6");
    static final UUID COMMUNICATION_ADDITIONAL_PHONE = UUID.fromString("2b387201-67cc-df11-9b2a-001d60e938c6");
    static final UUID COMMUNICATION_OTHER_PHONE = UUID.fromString("21c0d693-9a52-43fa-b7f1-c6d8b53975d4");
    static final UUID COMMUNICATION_FAX = UUID.fromString("9a7ab41b-67cc-df11-9b2a-001d60e938c6");

    // ConfigurationConstants.CrtNUI.js (Activity) and ActivityConsts.CrtBaseConsts.cs.
    static final UUID ACTIVITY_TYPE_TASK = UUID.fromString("fbe0acdc-cfc0-df11-b00f-001d60e938c6");
    static final UUID ACTIVITY_TYPE_EMAIL = UUID.fromString("e2831dec-cfc0-df11-b00f-001d60e938c6");
    static final UUID ACTIVITY_TYPE_CALL = UUID.fromString("e1831dec-cfc0-df11-b00f-001d60e938c6");
    static final UUID ACTIVITY_TYPE_VISIT = UUID.fromString("e3831dec-cfc0-df11-b00f-001d60e938c6");
    static final UUID ACTIVITY_STATUS_NOT_STARTED = UUID.fromString("384d4b84-58e6-df11-971b-001d60e938c6");
    static final UUID ACTIVITY_STATUS_IN_PROGRESS = UUID.fromString("394d4b84-58e6-df11-971b-001d60e938c6");
    static final UUID ACTIVITY_STATUS_DONE = UUID.fromString("4bdbb88f-58e6-df11-971b-001d60e938c6");
    static final UUID ACTIVITY_STATUS_CANCELED = UUID.fromString("201cfba8-58e6-df11-971b-001d60e938c6");
    static final UUID ACTIVITY_CATEGORY_DO_IT = UUID.fromString("f51c4643-58e6-df11-971b-001d60e938c6");
    static final UUID ACTIVITY_CATEGORY_EMAIL = UUID.fromString("8038a396-7825-e011-8165-00155d043204");
    static final UUID ACTIVITY_CATEGORY_CALL = UUID.fromString("e52bd583-7825-e011-8165-00155d043204");
    static final UUID ACTIVITY_CATEGORY_MEETING = UUID.fromString("42c74c49-58e6-df11-971b-001d60e938c6");
    static final UUID ACTIVITY_CATEGORY_PAPERWORK = UUID.fromString("2365ae4f-58e6-df11-971b-001d60e938c6");
    static final UUID ACTIVITY_PRIORITY_MEDIUM = UUID.fromString("ab96fa02-7fe6-df11-971b-001d60e938c6");
    static final UUID EMAIL_TYPE_INCOMING = UUID.fromString("7f9d1f86-f36b-1410-068c-20cf30b39373");
    static final UUID EMAIL_TYPE_OUTGOING = UUID.fromString("7f6d3f94-f36b-1410-068c-20cf30b39373");
    static final UUID CALL_DIRECTION_INCOMING = UUID.fromString("1d96a65f-2131-4916-8825-2d142b1000b2");

    // EmailMessageConstants.EmailMessage.js, PortalMessageConstants.PortalMessage.js,
    // LocalMessageConstants.LocalMessage.js.
    static final UUID NOTIFIER_EMAIL = UUID.fromString("d6650c53-bbe4-4ac2-9df8-a1fd23938e83");
    static final UUID NOTIFIER_PORTAL = UUID.fromString("0c61da8a-7a29-42c0-9877-08d5fef15f28");
    static final UUID NOTIFIER_LOCAL = UUID.fromString("ed501edb-8ebf-4c76-a35d-6f23be243043");

    static final UUID CASE_STATUS_DEFAULT = STATUS_NEW;
    static final UUID CASE_PRIORITY_DEFAULT = PRIORITY_MEDIUM;
    static final UUID CASE_ORIGIN_DEFAULT = ORIGIN_WEB;

    static final UUID ZERO = new UUID(0, 0);

    private Lookups() {}
}
