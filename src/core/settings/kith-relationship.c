/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithRelationship"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kith-relationship.h"
#include "kith-statement.h"
#include "kith-step.h"
#include "kith-store-private.h"
#include "kith-synckey.h"

/*
 * Relationship settings: segments (who someone is to you), the stages of each segment and the
 * next steps of each stage. Stage keys are fixed (they are the local API's keys); what a stage
 * is called depends on the segment's stage set.
 */

typedef struct {
  const char *key;
  const char *names[2];   /* default set, alternate set */
  const char *aliases;    /* other names a user may type, separated by "|" */
} StageDef;

static const StageDef people_stages[] = {
  { "lead", { N_("Lead"), N_("Warm") }, "new|prospect" },
  { "future", { N_("Potential"), N_("Hot") }, "potential" },
  { "current", { N_("Active"), N_("In Contract") }, "active|in-contract|incontract|client" },
  { "past", { N_("Inactive"), N_("Closed") }, "inactive|past|former" },
  { "out", { N_("Lost"), N_("Lost") }, "lost|dead" },
};

static const StageDef project_stages[] = {
  { "future", { N_("Potential"), N_("Coming Soon") }, "potential|prospect" },
  { "current", { N_("Active"), N_("Active") }, "active|open" },
  { "pending", { N_("Pending"), N_("Under Contract") }, "under-contract|undercontract" },
  { "won", { N_("Won"), N_("Sold") }, "done|closed|sold" },
  { "lost", { N_("Lost"), N_("Withdrawn") }, "out|withdrawn|dead" },
};

typedef struct {
  const char *key;
  const char *applies_to;
  const char *category;
  const char *name;
  gboolean    enabled;
  int         cadence;
} SegmentDef;

static const SegmentDef business_segments[] = {
  { "customer", "people", "business", N_("Customers"), TRUE, 30 },
  { "partner", "people", "business", N_("Partners"), TRUE, 90 },
  { "supplier", "people", "business", N_("Suppliers"), TRUE, 90 },
  { "investor", "people", "business", N_("Investors"), TRUE, 90 },
  { "advisor", "people", "business", N_("Advisors"), TRUE, 90 },
  { "competitor", "people", "business", N_("Competitors"), TRUE, 0 },
  { "coworker", "people", "business", N_("Coworkers"), TRUE, 0 },
  { "custom1", "people", "business", N_("Custom 1"), FALSE, 0 },
  { "custom2", "people", "business", N_("Custom 2"), FALSE, 0 },
  { "custom3", "people", "business", N_("Custom 3"), FALSE, 0 },
  { "custom4", "people", "business", N_("Custom 4"), FALSE, 0 },
  { "custom5", "people", "business", N_("Custom 5"), FALSE, 0 },
  { "family", "people", "personal", N_("Family"), TRUE, 30 },
  { "friend", "people", "personal", N_("Friends"), TRUE, 60 },
  { "network", "people", "personal", N_("Connections"), TRUE, 180 },
  { "personal1", "people", "personal", N_("Personal 1"), FALSE, 0 },
  { "personal2", "people", "personal", N_("Personal 2"), FALSE, 0 },
  { "none", "people", "personal", N_("None"), TRUE, 0 },
  { "project", "projects", "project", N_("Deals"), TRUE, 0 },
  { "project1", "projects", "project", N_("Other projects"), FALSE, 0 },
};

/* Real estate renames segments; buyers and sellers use the alternate stage set. */
static const struct { const char *key; const char *name; gboolean enabled; gboolean alternate; }
realestate_overrides[] = {
  { "customer", N_("Buyers"), TRUE, TRUE },
  { "custom1", N_("Sellers"), TRUE, TRUE },
  { "custom2", N_("Renters"), TRUE, TRUE },
  { "partner", N_("Agents & Partners"), TRUE, FALSE },
  { "supplier", N_("Vendors"), TRUE, FALSE },
  { "project", N_("Properties"), TRUE, TRUE },
};

typedef struct {
  const char *preset;     /* NULL for both */
  const char *segment;
  const char *stage;
  const char *name;
  int         reminder_days;  /* -1: none */
  const char *template_name;
} StepDef;

static const StepDef preset_steps[] = {
  { "business", "customer", "lead", N_("Qualify the need"), 2, NULL },
  { "business", "customer", "lead", N_("Send introduction"), 1, N_("Introduction") },
  { "business", "customer", "future", N_("Send proposal"), 3, N_("Proposal") },
  { "business", "customer", "future", N_("Follow up on proposal"), 7, N_("Proposal follow-up") },
  { "business", "customer", "current", N_("Kick-off call"), 2, NULL },
  { "business", "customer", "current", N_("Check in"), 30, N_("Check-in") },
  { "business", "customer", "past", N_("Ask for a referral"), 14, N_("Referral request") },
  { "business", "partner", "lead", N_("Introductory call"), 3, NULL },
  { "business", "partner", "current", N_("Quarterly review"), 90, NULL },
  { "business", "project", "future", N_("Send quote"), 2, N_("Quote") },
  { "business", "project", "current", N_("Confirm scope"), 3, NULL },
  { "business", "project", "pending", N_("Chase signature"), 3, NULL },
  { "realestate", "customer", "lead", N_("Send welcome email"), 1, N_("Buyer welcome") },
  { "realestate", "customer", "lead", N_("Schedule buyer consultation"), 3, NULL },
  { "realestate", "customer", "future", N_("Send matching listings"), 2, N_("New listings") },
  { "realestate", "customer", "future", N_("Schedule showings"), 3, NULL },
  { "realestate", "customer", "current", N_("Order inspection"), 2, NULL },
  { "realestate", "customer", "current", N_("Confirm appraisal"), 7, NULL },
  { "realestate", "customer", "current", N_("Final walk-through"), -1, NULL },
  { "realestate", "customer", "past", N_("Send closing gift"), 3, NULL },
  { "realestate", "customer", "past", N_("Ask for a review"), 14, N_("Review request") },
  { "realestate", "custom1", "lead", N_("Send CMA"), 1, N_("Comparative market analysis") },
  { "realestate", "custom1", "lead", N_("Schedule listing appointment"), 3, NULL },
  { "realestate", "custom1", "future", N_("Sign listing agreement"), 5, NULL },
  { "realestate", "custom1", "current", N_("Review offers"), 2, NULL },
  { "realestate", "custom1", "current", N_("Coordinate closing"), 7, NULL },
  { "realestate", "custom1", "past", N_("Send closing gift"), 3, NULL },
  { "realestate", "project", "future", N_("Take photos"), 3, NULL },
  { "realestate", "project", "current", N_("Hold open house"), 7, N_("Open house invitation") },
  { "realestate", "project", "pending", N_("Clear contingencies"), 5, NULL },
};

static gboolean
name_matches (const char *a,
              const char *b)
{
  g_autofree char *fa = g_utf8_casefold (a, -1);
  g_autofree char *fb = g_utf8_casefold (b, -1);

  return strcmp (fa, fb) == 0;
}

/* The stage key for a key, a display name of either set (in English or translated) or an
 * alias; NULL when @stage is no stage of that kind. */
const char *
kith_relationship_stage_key (KithRecordKind  kind,
                             const char     *stage)
{
  const StageDef *defs = kind == KITH_RECORD_PROJECT ? project_stages : people_stages;
  guint n = kind == KITH_RECORD_PROJECT ? G_N_ELEMENTS (project_stages) : G_N_ELEMENTS (people_stages);

  if (stage == NULL)
    return NULL;

  for (guint i = 0; i < n; i++)
    if (g_ascii_strcasecmp (stage, defs[i].key) == 0)
      return defs[i].key;

  for (guint i = 0; i < n; i++)
    {
      g_auto(GStrv) aliases = g_strsplit (defs[i].aliases, "|", -1);

      for (guint s = 0; s < 2; s++)
        if (name_matches (stage, defs[i].names[s]) || name_matches (stage, _(defs[i].names[s])))
          return defs[i].key;
      for (guint a = 0; aliases[a] != NULL; a++)
        if (g_ascii_strcasecmp (stage, aliases[a]) == 0)
          return defs[i].key;
    }

  return NULL;
}

static const SegmentDef *
builtin_segment (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (business_segments); i++)
    if (strcmp (business_segments[i].key, key) == 0)
      return &business_segments[i];

  return NULL;
}

/* The segment of @applies_to whose key or name is @segment; @out_any: whether there are any */
static char *
find_segment (KithStore   *self,
              const char  *applies_to,
              const char  *segment,
              gboolean    *out_any)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, self, "SELECT key, name FROM segments WHERE applies_to = ? "
                                          "ORDER BY position", NULL))
    return NULL;
  kith_statement_bind_text (&st, 1, applies_to);
  while (kith_statement_step (&st, NULL))
    {
      const char *key = kith_statement_column_text (&st, 0);

      *out_any = TRUE;
      if (g_ascii_strcasecmp (key, segment) == 0 || name_matches (kith_statement_column_text (&st, 1), segment))
        return g_strdup (key);
    }

  return NULL;
}

/* The segment key for a key or display name, among the segments of @kind's kind. */
char *
kith_relationship_segment_key (KithStore      *self,
                               KithRecordKind  kind,
                               const char     *segment)
{
  const char *applies_to = kind == KITH_RECORD_PROJECT ? "projects" : "people";
  char *key = NULL;
  gboolean any = FALSE;

  GHashTable *cache;
  g_autofree char *cache_key = NULL;

  if (segment == NULL)
    return NULL;

  kith_store_lock (self);

  /* Imports name the same few segments over and over: remember what they resolve to */
  cache = g_object_get_data (G_OBJECT (self), "kith-segment-keys");
  if (cache == NULL)
    {
      cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_object_set_data_full (G_OBJECT (self), "kith-segment-keys", cache, (GDestroyNotify) g_hash_table_unref);
    }
  cache_key = g_strconcat (applies_to, ":", segment, NULL);
  if ((key = g_hash_table_lookup (cache, cache_key)) != NULL)
    {
      key = g_strdup (key);
      kith_store_unlock (self);
      return key;
    }

  key = find_segment (self, applies_to, segment, &any);
  kith_store_unlock (self);

  /* Before a preset is chosen, the local API's keys are valid */
  if (key == NULL && !any)
    {
      const SegmentDef *def = builtin_segment (segment);

      if (def != NULL && strcmp (def->applies_to, applies_to) == 0)
        key = g_strdup (def->key);
    }

  if (key != NULL && any)
    {
      kith_store_lock (self);
      g_hash_table_insert (cache, g_steal_pointer (&cache_key), g_strdup (key));
      kith_store_unlock (self);
    }

  return key;
}

/* The key of the step @step (a key or a name) of @segment + @stage; NULL when it is none. */
static char *
find_step (KithStore  *self,
           const char *step,
           const char *segment,
           const char *stage)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, self, "SELECT key FROM steps WHERE segment = ?1 AND stage = ?2 AND "
                                          "(key = ?3 OR name = ?3 COLLATE NOCASE) "
                                          "ORDER BY key = ?3 DESC LIMIT 1", NULL))
    return NULL;
  kith_statement_bind_text (&st, 1, segment);
  kith_statement_bind_text (&st, 2, stage);
  kith_statement_bind_text (&st, 3, step);

  return kith_statement_dup_string (&st, NULL);
}

char *
kith_relationship_step_key (KithStore  *self,
                            const char *step,
                            const char *segment,
                            const char *stage)
{
  char *key;

  if (step == NULL || segment == NULL || stage == NULL)
    return NULL;

  kith_store_lock (self);
  key = find_step (self, step, segment, stage);
  kith_store_unlock (self);

  return key;
}

/* A marker among run()'s parameters: bind SQL NULL */
#define SQL_NULL ((const char *) 1)

/* Runs @sql with the text parameters from @first on, up to %NULL; @out_changes: (optional):
 * how many rows it changed */
static gboolean
run (KithStore   *self,
     int         *out_changes,
     const char  *sql,
     GError     **error,
     const char  *first,
     ...)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  va_list args;
  int index = 1;

  if (!kith_statement_prepare (&st, self, sql, error))
    return FALSE;

  va_start (args, first);
  for (const char *s = first; s != NULL; s = va_arg (args, const char *))
    {
      if (s == SQL_NULL)
        kith_statement_bind_null (&st, index++);
      else
        kith_statement_bind_text (&st, index++, s);
    }
  va_end (args);

  if (!kith_statement_run (&st, error))
    return FALSE;
  if (out_changes != NULL)
    *out_changes = kith_statement_changes (&st);

  return TRUE;
}

static gboolean
step_key_taken (KithStore  *self,
                const char *key)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, self, "SELECT 1 FROM steps WHERE key = ?", NULL))
    return FALSE;
  kith_statement_bind_text (&st, 1, key);

  return kith_statement_has_row (&st, NULL);
}

static gint64
count_steps (KithStore *self)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, self, "SELECT count(*) FROM steps", NULL))
    return 0;

  return kith_statement_get_int64 (&st, NULL);
}

static char *
next_step_key (KithStore *self)
{
  /* Opaque keys in the local API's form; skip any taken by renumbering */
  for (gint64 n = count_steps (self) + 1;; n++)
    {
      char *key = g_strdup_printf ("s-%05" G_GINT64_FORMAT, n);

      if (!step_key_taken (self, key))
        return key;
      g_free (key);
    }
}

/* The name, on/off and stage names of @def under the preset (Real estate renames some) */
static void
segment_for_preset (const SegmentDef  *def,
                    gboolean           realestate,
                    const char       **out_name,
                    gboolean          *out_enabled,
                    gboolean          *out_alternate)
{
  *out_name = _(def->name);
  *out_enabled = def->enabled;
  *out_alternate = FALSE;

  for (guint o = 0; realestate && o < G_N_ELEMENTS (realestate_overrides); o++)
    if (strcmp (realestate_overrides[o].key, def->key) == 0)
      {
        *out_name = _(realestate_overrides[o].name);
        *out_enabled = realestate_overrides[o].enabled;
        *out_alternate = realestate_overrides[o].alternate;
      }
}

/* Segment @i of the presets and its five stages */
static gboolean
write_segment (KithStore   *self,
               guint        i,
               gboolean     realestate,
               GError     **error)
{
  const SegmentDef *def = &business_segments[i];
  const StageDef *stages = strcmp (def->applies_to, "projects") == 0 ? project_stages : people_stages;
  g_autofree char *position = g_strdup_printf ("%u", i);
  g_autofree char *cadence = g_strdup_printf ("%d", def->cadence);
  const char *name;
  gboolean enabled, alternate;

  segment_for_preset (def, realestate, &name, &enabled, &alternate);
  if (!run (self, NULL,
            "INSERT INTO segments (key, applies_to, category, name, stage_set, enabled, cadence_days, position) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, nullif(?7, '0'), ?8) ON CONFLICT (key) DO UPDATE SET "
            "name = excluded.name, stage_set = excluded.stage_set, enabled = excluded.enabled",
            error, def->key, def->applies_to, def->category, name,
            alternate ? "alternate" : "default", enabled ? "1" : "0", cadence, position, NULL))
    return FALSE;

  for (guint s = 0; s < 5; s++)
    {
      g_autofree char *stage_position = g_strdup_printf ("%u", s);

      if (!run (self, NULL,
                "INSERT INTO stages (segment, key, name, position) VALUES (?1, ?2, ?3, ?4) "
                "ON CONFLICT (segment, key) DO UPDATE SET name = excluded.name",
                error, def->key, stages[s].key, _(stages[s].names[alternate ? 1 : 0]),
                stage_position, NULL))
        return FALSE;
    }

  return TRUE;
}

/* The preset's next steps, unless the user has set up steps already */
static gboolean
write_preset_steps (KithStore   *self,
                    const char  *preset,
                    GError     **error)
{
  if (count_steps (self) > 0)
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (preset_steps); i++)
    {
      const StepDef *def = &preset_steps[i];
      g_autofree char *key = NULL;
      g_autofree char *days = NULL;

      if (strcmp (def->preset, preset) != 0)
        continue;

      key = next_step_key (self);
      days = def->reminder_days >= 0 ? g_strdup_printf ("%d", def->reminder_days) : NULL;
      if (!run (self, NULL,
                "INSERT INTO steps (key, segment, stage, name, position, reminder_days, template, template_id) "
                "VALUES (?1, ?2, ?3, ?4, (SELECT count(*) FROM steps WHERE segment = ?2 AND stage = ?3), "
                "CAST(?5 AS INTEGER), ?6, (SELECT id FROM templates WHERE name = ?6))",
                error, key, def->segment, def->stage, _(def->name),
                days ? days : SQL_NULL,
                def->template_name ? _(def->template_name) : SQL_NULL, NULL))
        return FALSE;
    }

  return TRUE;
}

static gboolean
write_preset (KithStore   *self,
              const char  *preset,
              GError     **error)
{
  gboolean realestate = strcmp (preset, "realestate") == 0;

  for (guint i = 0; i < G_N_ELEMENTS (business_segments); i++)
    if (!write_segment (self, i, realestate, error))
      return FALSE;

  return write_preset_steps (self, preset, error) &&
         run (self, NULL, "INSERT INTO settings (key, value) VALUES ('preset', ?1) "
                          "ON CONFLICT (key) DO UPDATE SET value = excluded.value", error, preset, NULL);
}

/**
 * kith_relationship_apply_preset:
 * @preset: "business" (General business) or "realestate" (Real estate)
 *
 * Sets up segments, stages and next steps for @preset. Records keep their segment and stage
 * keys; only names and steps change. Steps already set up by the user are kept.
 */
gboolean
kith_relationship_apply_preset (KithStore   *self,
                                const char  *preset,
                                GError     **error)
{
  g_return_val_if_fail (KITH_IS_STORE (self), FALSE);

  if (g_strcmp0 (preset, "business") != 0 && g_strcmp0 (preset, "realestate") != 0)
    return kith_invalid (error, _("Unknown preset “%s” (use business or realestate)"), preset ? preset : "");

  if (!kith_store_begin (self, error))
    return FALSE;

  g_object_set_data (G_OBJECT (self), "kith-segment-keys", NULL);

  if (!write_preset (self, preset, error))
    {
      kith_store_rollback (self);
      return FALSE;
    }

  kith_store_mark_changed (self, KITH_RECORD_PERSON);
  kith_store_mark_changed (self, KITH_RECORD_PROJECT);
  return kith_store_commit (self, error);
}

/**
 * kith_relationship_dup_preset:
 *
 * Returns: (transfer full) (nullable): "business", "realestate", or %NULL before one was chosen
 */
char *
kith_relationship_dup_preset (KithStore *self)
{
  g_return_val_if_fail (KITH_IS_STORE (self), NULL);

  return kith_store_dup_setting (self, "preset");
}

/* The segment, stage and step of a row of read_segments(): a new segment or stage when the row
 * starts one */
static void
read_segment_row (KithStatement  *st,
                  GListStore     *segments,
                  KithSegment   **segment,
                  KithStage     **stage)
{
  const char *segment_key = kith_statement_column_text (st, 0);
  const char *stage_key = kith_statement_column_text (st, 6);

  if (*segment == NULL || g_strcmp0 (kith_segment_get_key (*segment), segment_key) != 0)
    {
      g_autoptr(KithSegment) added =
        kith_segment_new (segment_key, kith_statement_column_text (st, 1), kith_statement_column_text (st, 2),
                          g_strcmp0 (kith_statement_column_text (st, 3), "people") == 0,
                          kith_statement_column_int64 (st, 5) != 0, (int) kith_statement_column_int64 (st, 4));

      g_list_store_append (segments, added);
      *segment = added;
      *stage = NULL;
    }
  if (stage_key == NULL)
    return;
  if (*stage == NULL || g_strcmp0 (kith_stage_get_key (*stage), stage_key) != 0)
    {
      g_autoptr(KithStage) added = kith_stage_new (segment_key, stage_key, kith_statement_column_text (st, 7));

      kith_segment_append_stage (*segment, added);
      *stage = added;
    }
  if (!kith_statement_column_is_null (st, 8))
    {
      g_autoptr(KithStep) step = kith_step_new (kith_statement_column_text (st, 8), kith_statement_column_text (st, 9),
                                                kith_statement_column_text (st, 11),
                                                (int) kith_statement_column_int64 (st, 10));

      kith_step_set_template_id (step, kith_statement_column_int64 (st, 12));

      kith_stage_append_step (*stage, step);
    }
}

/* One row per step (or per stage without steps, or segment without stages), in order */
static GListModel *
read_segments (KithStore  *self,
               GError    **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  GListStore *segments;
  KithSegment *segment = NULL;
  KithStage *stage = NULL;

  if (!kith_statement_prepare (&st, self,
                               "SELECT s.key, s.name, s.category, s.applies_to, s.cadence_days, s.enabled, "
                               "  st.key, st.name, p.key, p.name, p.reminder_days, p.template, p.template_id "
                               "FROM segments s LEFT JOIN stages st ON st.segment = s.key "
                               "  LEFT JOIN steps p ON p.segment = s.key AND p.stage = st.key "
                               "ORDER BY s.position, s.key, st.position, st.key, p.position, p.key",
                               error))
    return NULL;

  segments = g_list_store_new (KITH_TYPE_SEGMENT);
  while (kith_statement_step (&st, NULL))
    read_segment_row (&st, segments, &segment, &stage);

  return G_LIST_MODEL (segments);
}

/**
 * kith_relationship_list_segments:
 *
 * Returns: (transfer full): a list model of every #KithSegment, in order, with its stages and
 *   their steps
 */
GListModel *
kith_relationship_list_segments (KithStore  *self,
                                 GError    **error)
{
  GListModel *segments;

  g_return_val_if_fail (KITH_IS_STORE (self), NULL);

  kith_store_lock (self);
  segments = read_segments (self, error);
  kith_store_unlock (self);

  return segments;
}

static gboolean
check_stage (KithStore   *self,
             const char  *segment,
             const char  *stage,
             GError     **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, self, "SELECT 1 FROM stages WHERE segment = ? AND key = ?", error))
    return FALSE;
  kith_statement_bind_text (&st, 1, segment);
  kith_statement_bind_text (&st, 2, stage);
  if (!kith_statement_has_row (&st, NULL))
    return kith_invalid (error, _("There is no stage “%s” in segment “%s”"), stage, segment);

  return TRUE;
}

/* Writes step @i of the list; a new step gets its key here. Its key into @kept. */
static gboolean
write_step (KithStore   *self,
            const char  *segment,
            const char  *stage,
            KithStep    *step,
            guint        i,
            GPtrArray   *kept,
            GError     **error)
{
  const char *name = kith_step_get_name (step);
  const char *template = kith_step_get_template (step);
  int days = kith_step_get_reminder_days (step);
  g_autofree char *days_text = NULL;
  g_autofree char *position = g_strdup_printf ("%u", i);

  if (name == NULL || !kith_validate_text (_("step name"), name, 512, error) || *name == '\0')
    {
      if (error == NULL || *error == NULL)
        kith_invalid (error, _("Step %u needs a name"), i + 1);
      return FALSE;
    }
  if (days > 3650)
    return kith_invalid (error, _("The reminder of step “%s” must be between 0 and 3650 days"), name);
  if (kith_step_get_key (step) == NULL)
    {
      g_autofree char *key = next_step_key (self);

      kith_step_set_key (step, key);
    }
  /* 0 days is no reminder */
  days_text = days > 0 ? g_strdup_printf ("%d", days) : NULL;

  if (!run (self, NULL,
            "INSERT INTO steps (key, segment, stage, name, position, reminder_days, template, template_id) "
            "VALUES (?1, ?2, ?3, ?4, CAST(?5 AS INTEGER), CAST(?6 AS INTEGER), ?7, "
            "  (SELECT id FROM templates WHERE name = ?7)) ON CONFLICT (key) DO UPDATE SET "
            "segment = excluded.segment, stage = excluded.stage, name = excluded.name, "
            "position = excluded.position, reminder_days = excluded.reminder_days, template = excluded.template, "
            "template_id = excluded.template_id",
            error, kith_step_get_key (step), segment, stage, name, position,
            days_text ? days_text : SQL_NULL,
            template != NULL && *template != '\0' ? template : SQL_NULL, NULL))
    return FALSE;

  g_ptr_array_add (kept, g_strdup (kith_step_get_key (step)));
  return TRUE;
}

/* The steps of @segment + @stage not in @kept */
static GPtrArray *
read_gone_steps (KithStore   *self,
                 const char  *segment,
                 const char  *stage,
                 GPtrArray   *kept,
                 GError     **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  GPtrArray *gone;

  if (!kith_statement_prepare (&st, self, "SELECT key FROM steps WHERE segment = ? AND stage = ?", error))
    return NULL;
  kith_statement_bind_text (&st, 1, segment);
  kith_statement_bind_text (&st, 2, stage);

  gone = g_ptr_array_new_with_free_func (g_free);
  while (kith_statement_step (&st, NULL))
    {
      const char *key = kith_statement_column_text (&st, 0);

      if (!g_ptr_array_find_with_equal_func (kept, key, g_str_equal, NULL))
        g_ptr_array_add (gone, g_strdup (key));
    }

  return gone;
}

/* Removes the steps not in the list, and clears them from records */
static gboolean
remove_other_steps (KithStore   *self,
                    const char  *segment,
                    const char  *stage,
                    GPtrArray   *kept,
                    GError     **error)
{
  g_autoptr(GPtrArray) gone = read_gone_steps (self, segment, stage, kept, error);

  if (gone == NULL)
    return FALSE;
  for (guint i = 0; i < gone->len; i++)
    if (!run (self, NULL, "UPDATE records SET step = NULL, step_since = NULL WHERE step = ?1", error,
              g_ptr_array_index (gone, i), NULL) ||
        !run (self, NULL, "DELETE FROM steps WHERE key = ?1", error, g_ptr_array_index (gone, i), NULL))
      return FALSE;

  return TRUE;
}

static gboolean
write_steps (KithStore   *self,
             const char  *segment,
             const char  *stage,
             GPtrArray   *steps,
             GError     **error)
{
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (g_free);

  if (!check_stage (self, segment, stage, error))
    return FALSE;
  for (guint i = 0; i < steps->len; i++)
    if (!write_step (self, segment, stage, g_ptr_array_index (steps, i), i, kept, error))
      return FALSE;

  return remove_other_steps (self, segment, stage, kept, error);
}

/**
 * kith_relationship_set_steps:
 * @steps: (element-type KithStep): the stage's steps, in order; each without a key is a new
 *   step and is given the key it is saved under
 *
 * Replaces the ordered next steps of one stage; kept steps keep their keys. Records on a step
 * that is gone lose their step. The steps are the caller's alone while this runs (copies of
 * what a window shows, on the store's worker).
 */
gboolean
kith_relationship_set_steps (KithStore   *self,
                             const char  *segment,
                             const char  *stage,
                             GPtrArray   *steps,
                             GError     **error)
{
  g_return_val_if_fail (KITH_IS_STORE (self), FALSE);
  g_return_val_if_fail (steps != NULL, FALSE);

  if (!kith_store_begin (self, error))
    return FALSE;
  if (!write_steps (self, segment, stage, steps, error))
    {
      kith_store_rollback (self);
      return FALSE;
    }

  kith_store_mark_changed (self, KITH_RECORD_PERSON);
  return kith_store_commit (self, error);
}

/* The kind of record whose lists and Agenda show @segment's settings: deals for a segment of
 * projects */
static KithRecordKind
segment_kind (KithStore  *self,
              const char *segment)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  gboolean projects = FALSE;

  if (kith_statement_prepare (&st, self, "SELECT applies_to = 'projects' FROM segments WHERE key = ?", NULL))
    {
      kith_statement_bind_text (&st, 1, segment);
      projects = kith_statement_step (&st, NULL) && kith_statement_column_int64 (&st, 0) != 0;
    }

  return projects ? KITH_RECORD_PROJECT : KITH_RECORD_PERSON;
}

gboolean
kith_relationship_set_cadence (KithStore   *self,
                               const char  *segment,
                               int          days,
                               GError     **error)
{
  g_autofree char *text = g_strdup_printf ("%d", days);
  int changes = 0;
  gboolean ok;

  g_return_val_if_fail (KITH_IS_STORE (self), FALSE);

  if (days < 0 || days > 3650)
    return kith_invalid (error, _("A stay-in-touch cadence is between 0 (off) and 3650 days, not %d"), days);

  kith_store_lock (self);
  ok = run (self, &changes, "UPDATE segments SET cadence_days = nullif(CAST(?2 AS INTEGER), 0) WHERE key = ?1",
            error, segment, text, NULL);
  if (ok && changes == 0)
    ok = kith_invalid (error, _("There is no segment “%s”"), segment);
  /* Who is due a call in the Agenda follows the cadence */
  if (ok)
    kith_store_mark_changed (self, segment_kind (self, segment));
  kith_store_unlock (self);

  return ok;
}

gboolean
kith_relationship_rename_stage (KithStore   *self,
                                const char  *segment,
                                const char  *stage,
                                const char  *name,
                                GError     **error)
{
  int changes = 0;
  gboolean ok;

  g_return_val_if_fail (KITH_IS_STORE (self), FALSE);

  if (name == NULL || !kith_validate_text (_("stage name"), name, 256, error))
    return name != NULL ? FALSE : kith_invalid (error, _("A stage needs a name"));

  kith_store_lock (self);
  ok = run (self, &changes, "UPDATE stages SET name = ?3 WHERE segment = ?1 AND key = ?2", error,
            segment, stage, name, NULL);
  if (ok && changes == 0)
    ok = kith_invalid (error, _("There is no stage “%s” in segment “%s”"), stage, segment);
  /* Every record in the segment shows the stage's name: lists read their rows again */
  if (ok)
    kith_store_mark_changed (self, segment_kind (self, segment));
  kith_store_unlock (self);

  return ok;
}

/**
 * kith_relationship_update_segment:
 * @name: (nullable): a new name, or %NULL to keep it
 * @enabled: whether the segment is offered (custom segments start turned off)
 *
 * Renames a segment or turns it on or off. Records keep their segment key either way.
 */
gboolean
kith_relationship_update_segment (KithStore   *self,
                                  const char  *segment,
                                  const char  *name,
                                  gboolean     enabled,
                                  GError     **error)
{
  int changes = 0;
  gboolean ok;

  g_return_val_if_fail (KITH_IS_STORE (self), FALSE);

  if (name != NULL && (!kith_validate_text (_("segment name"), name, 256, error) || *name == '\0'))
    return *name == '\0' ? kith_invalid (error, _("A segment needs a name")) : FALSE;

  kith_store_lock (self);
  ok = run (self, &changes, "UPDATE segments SET name = coalesce(?2, name), enabled = CAST(?3 AS INTEGER) WHERE key = ?1",
            error, segment, name != NULL ? name : SQL_NULL, enabled ? "1" : "0", NULL);
  if (ok && changes == 0)
    ok = kith_invalid (error, _("There is no segment “%s”"), segment);
  /* Names resolve to keys through a cache */
  g_object_set_data (G_OBJECT (self), "kith-segment-keys", NULL);
  if (ok)
    kith_store_mark_changed (self, segment_kind (self, segment));
  kith_store_unlock (self);

  return ok;
}

static gint64
count_rows (KithStore   *self,
            const char  *sql,
            const char  *key)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, self, sql, NULL))
    return 0;
  kith_statement_bind_text (&st, 1, key);

  return kith_statement_get_int64 (&st, NULL);
}

static char *
next_segment_key (KithStore *self)
{
  /* Opaque, as steps' keys: a name can change, the local API's key stays */
  for (guint n = 1;; n++)
    {
      char *key = g_strdup_printf ("g-%05u", n);

      if (count_rows (self, "SELECT count(*) FROM segments WHERE key = ?1", key) == 0)
        return key;
      g_free (key);
    }
}

static gboolean
name_taken (KithStore   *self,
            const char  *applies_to,
            const char  *name)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, self, "SELECT name FROM segments WHERE applies_to = ?", NULL))
    return FALSE;
  kith_statement_bind_text (&st, 1, applies_to);
  while (kith_statement_step (&st, NULL))
    if (name_matches (kith_statement_column_text (&st, 0), name))
      return TRUE;

  return FALSE;
}

/* The segment row and its five stages, with the default stage names of its kind */
static gboolean
insert_segment (KithStore   *self,
                const char  *key,
                const char  *name,
                gboolean     for_deals,
                GError     **error)
{
  const StageDef *stages = for_deals ? project_stages : people_stages;

  if (!run (self, NULL,
            "INSERT INTO segments (key, applies_to, category, name, stage_set, enabled, position) "
            "VALUES (?1, ?2, ?3, ?4, 'default', 1, (SELECT coalesce(max(position), -1) + 1 FROM segments))",
            error, key, for_deals ? "projects" : "people", for_deals ? "project" : "business", name, NULL))
    return FALSE;

  for (guint s = 0; s < 5; s++)
    {
      g_autofree char *position = g_strdup_printf ("%u", s);

      if (!run (self, NULL, "INSERT INTO stages (segment, key, name, position) VALUES (?1, ?2, ?3, ?4)",
                error, key, stages[s].key, _(stages[s].names[0]), position, NULL))
        return FALSE;
    }

  return TRUE;
}

static char *
add_segment_locked (KithStore   *self,
                    const char  *name,
                    gboolean     for_deals,
                    GError     **error)
{
  g_autofree char *key = NULL;

  if (name_taken (self, for_deals ? "projects" : "people", name))
    return (kith_invalid (error, _("There is a segment “%s” already"), name), NULL);

  key = next_segment_key (self);
  if (!kith_store_begin (self, error))
    return NULL;
  if (!insert_segment (self, key, name, for_deals, error))
    {
      kith_store_rollback (self);
      return NULL;
    }

  g_object_set_data (G_OBJECT (self), "kith-segment-keys", NULL);
  kith_store_mark_changed (self, for_deals ? KITH_RECORD_PROJECT : KITH_RECORD_PERSON);
  return kith_store_commit (self, error) ? g_steal_pointer (&key) : NULL;
}

/**
 * kith_relationship_add_segment:
 * @name: what the segment is called
 * @for_deals: whether deals are in it rather than people
 *
 * Adds a segment, turned on, after the others, with the five stages of its kind.
 *
 * Returns: (transfer full): the new segment's key, or %NULL with @error set
 */
char *
kith_relationship_add_segment (KithStore   *self,
                               const char  *name,
                               gboolean     for_deals,
                               GError     **error)
{
  char *key;

  g_return_val_if_fail (KITH_IS_STORE (self), NULL);

  if (name == NULL || *name == '\0')
    return (kith_invalid (error, _("A segment needs a name")), NULL);
  if (!kith_validate_text (_("segment name"), name, 256, error))
    return NULL;

  kith_store_lock (self);
  key = add_segment_locked (self, name, for_deals, error);
  kith_store_unlock (self);

  return key;
}

/* The name of a custom field limited to @segment, if one is */
static char *
dup_scoped_field (KithStore  *self,
                  const char *segment)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, self, "SELECT f.name FROM custom_field_scopes c "
                                          "JOIN custom_fields f ON f.id = c.field_id WHERE c.segment = ?", NULL))
    return NULL;
  kith_statement_bind_text (&st, 1, segment);

  return kith_statement_dup_string (&st, NULL);
}

/* Refused while anything needs @segment: records in it, a field limited to it, new deals */
static gboolean
check_unused (KithStore   *self,
              const char  *segment,
              const char  *name,
              GError     **error)
{
  gint64 n = count_rows (self, "SELECT count(*) FROM records WHERE segment = ?1", segment);
  g_autofree char *field = NULL;

  /* A new deal starts in "project"; "none" is what someone is before they are sorted */
  if (g_str_equal (segment, "project") || g_str_equal (segment, "none"))
    return kith_invalid (error, _("The segment “%s” cannot be removed: Kith puts new records in it"), name);
  if (n > 0)
    return kith_invalid (error, g_dngettext (GETTEXT_PACKAGE,
                                             "The segment “%s” cannot be removed: %" G_GINT64_FORMAT " record is in it. Move it to another segment first.",
                                             "The segment “%s” cannot be removed: %" G_GINT64_FORMAT " records are in it. Move them to another segment first.",
                                             n), name, n);
  if ((field = dup_scoped_field (self, segment)) != NULL)
    return kith_invalid (error, _("The segment “%s” cannot be removed: custom field “%s” is limited to it. "
                                  "Change the field’s segments first."), name, field);

  return TRUE;
}

static char *
dup_segment_name (KithStore  *self,
                  const char *segment)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, self, "SELECT name FROM segments WHERE key = ?", NULL))
    return NULL;
  kith_statement_bind_text (&st, 1, segment);

  return kith_statement_dup_string (&st, NULL);
}

static gboolean
remove_segment_locked (KithStore   *self,
                       const char  *segment,
                       GError     **error)
{
  g_autofree char *name = NULL;
  KithRecordKind kind;

  if ((name = dup_segment_name (self, segment)) == NULL)
    return kith_invalid (error, _("There is no segment “%s”"), segment);
  kind = segment_kind (self, segment);
  /* Its stages and their steps go with it */
  if (!check_unused (self, segment, name, error) ||
      !run (self, NULL, "DELETE FROM segments WHERE key = ?1", error, segment, NULL))
    return FALSE;

  g_object_set_data (G_OBJECT (self), "kith-segment-keys", NULL);
  kith_store_mark_changed (self, kind);
  return TRUE;
}

/**
 * kith_relationship_remove_segment:
 * @segment: a segment's key
 *
 * Removes a segment with its stages and their next steps. Refused, saying why, while records
 * are in it (naming how many), while a custom field is limited to it, and for the segments new
 * records start in. Choosing a preset again brings back a preset's segment.
 */
gboolean
kith_relationship_remove_segment (KithStore   *self,
                                  const char  *segment,
                                  GError     **error)
{
  gboolean ok;

  g_return_val_if_fail (KITH_IS_STORE (self), FALSE);
  g_return_val_if_fail (segment != NULL, FALSE);

  kith_store_lock (self);
  ok = remove_segment_locked (self, segment, error);
  kith_store_unlock (self);

  return ok;
}
