"""The public's records behind a generated province's pages, in bulk SQL (no ORM row by row).

On top of `bench.generate` (organizations, campaigns, projects …) and the problems that
`bench.run_insights.load_problems` copies in, this fills, for every district and year:

- reports (投诉举报): `reports_per_district_year` each, in every state, with the district's
  commission and, for one in three, one of its projects;
- topic calls with published topics and supports by generated citizens (the same citizens
  support many topics, each once);
- ratings (evaluations) of the published projects;
- a published results announcement (one version) for every published campaign.

Plain `INSERT … SELECT … FROM generate_series` statements: a province's worth in a minute or so.
"""

from typing import Any

import psycopg

NOW = "2025-01-01 00:00:00+00"


def load_records(
    conn: psycopg.Connection[Any],
    *,
    reports_per_district_year: int = 1100,
    topics_per_call: int = 20,
    supports: int = 300_000,
    citizens: int = 20_000,
    ratings_per_project: int = 20,
) -> dict[str, int]:
    """Insert the records; return how many of each."""
    conn.execute(
        "INSERT INTO accounts_user (password, is_superuser, username, first_name, last_name, "
        "email, is_staff, is_active, date_joined, kind, display_name, phone, totp_secret) "
        "SELECT '!', false, 'bench-public-' || g, '', '', '', false, true, %(now)s, 'citizen', "
        "'', '', '' FROM generate_series(1, %(n)s) g",
        {"now": NOW, "n": citizens},
    )
    conn.execute(
        'INSERT INTO reports_category (code, name, description, kind, "group", position, active) '
        "SELECT '990', '基层治理', '', 'service_request', '', 99, true "
        "WHERE NOT EXISTS (SELECT 1 FROM reports_category WHERE code = '990')"
    )
    reports = conn.execute(
        """
        INSERT INTO reports_report (created_at, updated_at, kind, channel, content, address,
            intake, external_number, identity_token, receipt_digest, content_digest,
            client_digest, state, received_on, accept_due, decline_reason, rating,
            rating_comment, reopen_count, version, category_id, commission_id, project_id)
        SELECT %(now)s, %(now)s, 'service_request', 'web', '生成的诉求 ' || d.commission || '-' || y || '-' || g, '', 'web', '',
            '', md5(d.commission || '-' || y || '-' || g) || md5('r' || d.commission || '-' || y || '-' || g),
            md5('c' || g) || md5('d' || g),
            md5('k' || (g %% 997)) || md5('l' || (g %% 997)),
            (ARRAY['received','accepted','replied','closed'])[1 + g %% 4],
            day, day + 7, '', '', '', 0, 1,
            (SELECT id FROM reports_category WHERE code = '990'), d.commission,
            CASE WHEN g %% 3 = 0 THEN (
                SELECT p.id FROM campaigns_project p JOIN campaigns_campaign c ON c.id = p.campaign_id
                WHERE c.issuer_id = d.commission ORDER BY p.id LIMIT 1 OFFSET (g %% 5)
            ) END
        FROM (SELECT id AS commission FROM orgs_organization WHERE kind = 'commission' AND level = 'county') d,
             generate_series(0, 2) y,
             LATERAL generate_series(1, %(per)s) g,
             LATERAL (SELECT make_date(2022 + y, 1, 1) + (g * 7 %% 360) AS day) dd
        """,
        {"now": NOW, "per": reports_per_district_year},
    ).rowcount
    calls = conn.execute(
        """
        INSERT INTO participation_topiccall (created_at, updated_at, title, intro, opens_at,
            closes_at, allow_choose, allow_propose, commission_id)
        SELECT %(now)s, %(now)s, (2022 + y) || '年群众点题', '', make_timestamptz(2022 + y, 1, 1, 0, 0, 0),
            make_timestamptz(2022 + y, 3, 1, 0, 0, 0), true, true, d.commission
        FROM (SELECT id AS commission FROM orgs_organization WHERE kind = 'commission' AND level = 'county') d, generate_series(0, 2) y
        """,
        {"now": NOW},
    ).rowcount
    topics = conn.execute(
        """
        INSERT INTO participation_topic (created_at, updated_at, title, description, category,
            is_candidate, state, decline_reason, answer, version, region_id, call_id)
        SELECT %(now)s, %(now)s, '生成的问题 ' || c.id || '-' || g, '群众反映的问题', 'other', false,
            'published', '', '', 1, o.parent_id, c.id
        FROM participation_topiccall c JOIN orgs_organization o ON o.id = c.commission_id,
             generate_series(1, %(per)s) g
        """,
        {"now": NOW, "per": topics_per_call},
    ).rowcount
    supported = conn.execute(
        """
        WITH t AS (SELECT array_agg(id ORDER BY id) AS ids FROM participation_topic),
             u AS (SELECT array_agg(id ORDER BY id) AS ids FROM accounts_user
                   WHERE username LIKE 'bench-public-%%')
        INSERT INTO participation_support (created_at, user_id, topic_id)
        SELECT %(now)s, u.ids[1 + g / cardinality(t.ids)], t.ids[1 + g %% cardinality(t.ids)]
        FROM t, u, generate_series(0, %(n)s - 1) g
        WHERE g / cardinality(t.ids) < cardinality(u.ids)
        """,
        {"now": NOW, "n": supports},
    ).rowcount
    ratings = conn.execute(
        """
        WITH u AS (SELECT array_agg(id ORDER BY id) AS ids FROM accounts_user
                   WHERE username LIKE 'bench-public-%%')
        INSERT INTO participation_evaluation (created_at, updated_at, rating, comment,
            comment_state, citizen_id, project_id)
        SELECT %(now)s, %(now)s,
            (ARRAY['satisfied','satisfied','basically_satisfied','dissatisfied'])[1 + (p.id + g) %% 4],
            CASE WHEN g %% 4 = 0 THEN '希望继续坚持' ELSE '' END, 'visible',
            u.ids[1 + (p.id * 31 + g) %% cardinality(u.ids)], p.id
        FROM u, campaigns_project p, generate_series(1, %(per)s) g
        WHERE p.state IN ('published', 'closed')
        ON CONFLICT DO NOTHING
        """,
        {"now": NOW, "per": ratings_per_project},
    ).rowcount
    announcements = conn.execute(
        """
        INSERT INTO publication_announcement (created_at, updated_at, campaign_id)
        SELECT %(now)s, %(now)s, c.id FROM campaigns_campaign c WHERE c.state = 'published'
        """,
        {"now": NOW},
    ).rowcount
    conn.execute(
        """
        INSERT INTO publication_announcementversion (created_at, updated_at, number, text, state,
            revision, change_note, announcement_id, created_by_id, published_at)
        SELECT %(now)s, %(now)s, 1, c.title || E'\\n\\n' || repeat('一、治理成效。', 200), 'published',
            1, '', a.id, (SELECT min(id) FROM accounts_user), %(now)s
        FROM publication_announcement a JOIN campaigns_campaign c ON c.id = a.campaign_id
        """,
        {"now": NOW},
    )
    return {
        "reports": reports,
        "citizens": citizens,
        "topic calls": calls,
        "topics": topics,
        "supports": supported,
        "ratings": ratings,
        "announcements": announcements,
    }
