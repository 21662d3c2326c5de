// The tables both backends share. `tests/api/schema_drift.rs` checks this file against
// the migrations of SQLite and PostgreSQL, so keep the two in step by hand.

diesel::table! {
    webhooks (id) {
        id -> BigInt,
        url -> Text,
        description -> Text,
        events -> Text,
        secret -> Text,
        include_drafts -> Bool,
        enabled -> Bool,
        disabled_reason -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    webhook_deliveries (id) {
        id -> BigInt,
        webhook_id -> BigInt,
        msg_id -> Text,
        event -> Text,
        kind -> Text,
        item_id -> BigInt,
        slug -> Text,
        change_id -> Nullable<BigInt>,
        public -> Bool,
        status -> Text,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        locked_until -> Nullable<Timestamp>,
        last_status -> Nullable<Integer>,
        last_error -> Nullable<Text>,
        last_duration_ms -> Nullable<Integer>,
        created_at -> Timestamp,
        delivered_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    api_tokens (id) {
        id -> BigInt,
        user_id -> BigInt,
        name -> Text,
        token_hash -> Text,
        prefix -> Text,
        scopes -> Text,
        created_at -> Timestamp,
        expires_at -> Nullable<Timestamp>,
        last_used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    previews (id) {
        id -> BigInt,
        kind -> Text,
        item_id -> BigInt,
        created_by -> BigInt,
        token_hash -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
    }
}

diesel::table! {
    changes (id) {
        id -> BigInt,
        at -> Timestamp,
        kind -> Text,
        item_id -> BigInt,
        slug -> Text,
        action -> Text,
        public -> Bool,
        was_public -> Bool,
        user_id -> Nullable<BigInt>,
    }
}

diesel::table! {
    change_log (id) {
        id -> Integer,
        purged_through -> BigInt,
    }
}

diesel::table! {
    users (id) {
        id -> BigInt,
        username -> Text,
        slug -> Text,
        display_name -> Text,
        email -> Text,
        role -> Text,
        password_hash -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        token_version -> BigInt,
        wp_id -> Nullable<BigInt>,
    }
}

diesel::table! {
    entries (id) {
        id -> BigInt,
        kind -> Text,
        slug -> Text,
        status -> Text,
        title -> Text,
        excerpt -> Text,
        excerpt_manual -> Bool,
        content_html -> Text,
        content_blocks -> Text,
        content_text -> Text,
        author_id -> BigInt,
        fields -> Text,
        published_at -> Timestamp,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        sticky -> Bool,
        wp_id -> Nullable<BigInt>,
    }
}

diesel::table! {
    terms (id) {
        id -> BigInt,
        taxonomy -> Text,
        slug -> Text,
        name -> Text,
        description -> Text,
        parent_id -> Nullable<BigInt>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        wp_id -> Nullable<BigInt>,
    }
}

diesel::table! {
    entry_terms (entry_id, term_id) {
        entry_id -> BigInt,
        term_id -> BigInt,
    }
}

diesel::table! {
    revisions (id) {
        id -> BigInt,
        entry_id -> BigInt,
        author_id -> Nullable<BigInt>,
        slug -> Text,
        status -> Text,
        title -> Text,
        excerpt -> Text,
        content_html -> Text,
        content_blocks -> Text,
        published_at -> Timestamp,
        extra -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    login_throttle (key) {
        key -> Text,
        failures -> Integer,
        window_started_at -> Timestamp,
    }
}

diesel::table! {
    page_details (entry_id) {
        entry_id -> BigInt,
        parent_id -> Nullable<BigInt>,
        menu_order -> Integer,
        template -> Text,
        path -> Text,
    }
}

diesel::table! {
    media (id) {
        id -> BigInt,
        title -> Text,
        alt_text -> Text,
        caption -> Text,
        file_name -> Text,
        storage_key -> Text,
        mime_type -> Text,
        size -> BigInt,
        sha256 -> Text,
        width -> Nullable<Integer>,
        height -> Nullable<Integer>,
        author_id -> Nullable<BigInt>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        wp_id -> Nullable<BigInt>,
    }
}

diesel::table! {
    entry_media (entry_id, role, media_id) {
        entry_id -> BigInt,
        role -> Text,
        media_id -> BigInt,
    }
}

diesel::table! {
    resource_details (entry_id) {
        entry_id -> BigInt,
        summary -> Text,
        publisher -> Text,
        language -> Text,
        external_url -> Text,
    }
}

diesel::table! {
    block_refs (entry_id, block_id) {
        entry_id -> BigInt,
        block_id -> BigInt,
    }
}

diesel::table! {
    field_groups (id) {
        id -> BigInt,
        key -> Text,
        title -> Text,
        fields -> Text,
        location -> Text,
        position -> Integer,
        active -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    field_values (entry_id, name, seq) {
        entry_id -> BigInt,
        name -> Text,
        seq -> Integer,
        num -> Nullable<Double>,
        text -> Nullable<Text>,
    }
}

diesel::table! {
    event_details (entry_id) {
        entry_id -> BigInt,
        timezone -> Text,
        all_day -> Bool,
        starts_local -> Timestamp,
        ends_local -> Nullable<Timestamp>,
        rrule -> Text,
        rdates -> Text,
        exdates -> Text,
        starts_utc -> Timestamp,
        ends_utc -> Timestamp,
        last_start_utc -> Nullable<Timestamp>,
        last_end_utc -> Nullable<Timestamp>,
        venue -> Nullable<Text>,
        organizer -> Nullable<Text>,
        online_url -> Text,
        cost -> Text,
        is_free -> Bool,
        ticket_url -> Text,
        uid -> Text,
    }
}

diesel::table! {
    import_origins (source, kind, source_id) {
        source -> Text,
        kind -> Text,
        source_id -> Text,
        target_id -> BigInt,
        fingerprint -> Text,
        imported_at -> Timestamp,
        detached -> Bool,
    }
}

diesel::table! {
    sync_sites (source) {
        source -> Text,
        url -> Text,
        started_at -> Nullable<Timestamp>,
        finished_at -> Nullable<Timestamp>,
        last_error -> Nullable<Text>,
        lease_until -> Nullable<Timestamp>,
        lease_holder -> Nullable<Text>,
    }
}

diesel::table! {
    sync_items (source, rest_base, wp_id) {
        source -> Text,
        rest_base -> Text,
        wp_id -> BigInt,
        stamp -> Text,
    }
}

diesel::table! {
    partners (id) {
        id -> BigInt,
        name -> Text,
        key_prefix -> Text,
        key_hash -> Text,
        origins -> Text,
        quota_per_minute -> Integer,
        active -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    partner_usage (partner_id, window_start) {
        partner_id -> BigInt,
        window_start -> Timestamp,
        count -> BigInt,
    }
}

diesel::table! {
    content_version (id) {
        id -> Integer,
        version -> BigInt,
    }
}

diesel::table! {
    entry_counts (kind, status) {
        kind -> Text,
        status -> Text,
        n -> BigInt,
    }
}

diesel::table! {
    scheduled_entries (entry_id) {
        entry_id -> BigInt,
        kind -> Text,
        due_at -> Timestamp,
    }
}

diesel::table! {
    taxonomy_counts (taxonomy) {
        taxonomy -> Text,
        n -> BigInt,
    }
}

diesel::table! {
    term_counts (term_id, kind) {
        term_id -> BigInt,
        kind -> Text,
        n -> BigInt,
    }
}

diesel::joinable!(entries -> users (author_id));
diesel::joinable!(webhook_deliveries -> webhooks (webhook_id));
diesel::joinable!(entry_media -> entries (entry_id));
diesel::joinable!(entry_media -> media (media_id));
diesel::joinable!(entry_terms -> entries (entry_id));
diesel::joinable!(entry_terms -> terms (term_id));
diesel::joinable!(term_counts -> terms (term_id));
diesel::joinable!(revisions -> entries (entry_id));
diesel::joinable!(event_details -> entries (entry_id));

diesel::table! {
    audit_log (id) {
        id -> BigInt,
        at -> Timestamp,
        actor_id -> Nullable<BigInt>,
        actor -> Text,
        action -> Text,
        target_type -> Text,
        target_id -> Nullable<BigInt>,
        detail -> Text,
        address -> Text,
    }
}

diesel::allow_tables_to_appear_in_same_query!(
    webhooks,
    webhook_deliveries,
    api_tokens,
    previews,
    users,
    entries,
    terms,
    entry_terms,
    revisions,
    login_throttle,
    page_details,
    media,
    entry_media,
    resource_details,
    block_refs,
    field_groups,
    field_values,
    event_details,
    import_origins,
    sync_sites,
    sync_items,
    partners,
    partner_usage,
    content_version,
    entry_counts,
    scheduled_entries,
    taxonomy_counts,
    term_counts
);
diesel::allow_columns_to_appear_in_same_group_by_clause!(entry_terms::term_id, entries::kind);
