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

    static final UUID CASE_STATUS_DEFAULT = STATUS_NEW;
    static final UUID CASE_PRIORITY_DEFAULT = PRIORITY_MEDIUM;
    static final UUID CASE_ORIGIN_DEFAULT = ORIGIN_WEB;

    static final UUID ZERO = new UUID(0, 0);

    private Lookups() {}
}
