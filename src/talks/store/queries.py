"""Canned queries for `talks serve` (Datasette runs them with named :parameters;
an empty parameter means "any"). Each answers a question without a join."""

from __future__ import annotations

QUERIES: dict[str, dict[str, str]] = {
    "speaker_statements": {
        "title": "A speaker's statements",
        "description": "Every quote of the speakers whose name contains :speaker (any case), "
        "oldest article first, with the article each comes from.",
        "sql": """SELECT date, speaker, side, kind, text, outlet, title, published, url,
    article, id
FROM quote_list
WHERE speaker LIKE '%' || :speaker || '%'
ORDER BY published IS NULL, published, article, quote_rowid""",
    },
    "topic_positions": {
        "title": "Positions on a topic over time",
        "description": "Each party's stances on :topic (a topic key such as nato or "
        "neutrality) in date order, undated last, with their evidence and source.",
        "sql": """SELECT date, actor, stance, conditional, holder, evidence, outlet, title,
    published, url, article, id
FROM position_list
WHERE topic = :topic
ORDER BY date IS NULL, date, actor, article, position_rowid""",
    },
    "what_changed": {
        "title": "What changed between two dates",
        "description": "Per party and topic (:topic, or every topic when empty), the "
        "latest stance on or before :from and on or before :to (dates as YYYY-MM-DD), "
        "marked changed, new or same. `talks diff` gives the same with every tie.",
        "sql": """WITH ranked AS (
    SELECT p.*, w.side AS side_of_date,
        ROW_NUMBER() OVER (PARTITION BY w.side, p.actor, p.topic
            ORDER BY p.date DESC, p.article DESC, p.position_rowid DESC) AS n
    FROM position_list p
    JOIN (SELECT 'from' AS side, :from AS d UNION ALL SELECT 'to', :to) w ON p.date <= w.d
    WHERE p.date IS NOT NULL AND (:topic = '' OR p.topic = :topic)
)
SELECT a.actor, a.topic,
    CASE WHEN b.stance IS NULL THEN 'new'
        WHEN a.stance != b.stance OR a.conditional != b.conditional THEN 'changed'
        ELSE 'same' END AS status,
    b.stance AS stance_before, b.date AS date_before, b.evidence AS evidence_before,
    b.url AS url_before,
    a.stance AS stance_after, a.date AS date_after, a.evidence AS evidence_after,
    a.url AS url_after
FROM ranked a
LEFT JOIN ranked b ON b.side_of_date = 'from' AND b.n = 1 AND b.actor = a.actor
    AND b.topic = a.topic
WHERE a.side_of_date = 'to' AND a.n = 1
ORDER BY status = 'same', a.actor, a.topic""",
    },
}
