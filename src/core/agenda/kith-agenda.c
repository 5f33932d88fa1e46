/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithAgenda"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kith-agenda.h"
#include "kith-statement.h"
#include "kith-todos.h"
#include "kith-enums.h"

#define DAY_MS G_GINT64_CONSTANT (86400000)
#define SECTION_LIMIT 200

typedef struct {
  KithStore *store;
  GDate      today;
  char       today_text[11];
  gint64     now;
  gint64     day_start;     /* today's local midnight, in ms UTC */
  gint64     day_end;
  GTimeZone *tz;
  KithAgendaModel *model;
  GPtrArray *entries[KITH_AGENDA_N_SECTIONS];  /* each section's, added to it at the end */
  gboolean   next_found;   /* today's next meeting has been marked */
} Ctx;

/* Adds the typed entry of one row of a section's query to the Agenda */
typedef void (*AddRowFunc) (Ctx           *ctx,
                            KithStatement *st);

static int
setting_int (KithStore  *store,
             const char *key,
             int         fallback,
             int         min,
             int         max)
{
  g_autofree char *value = kith_store_dup_setting (store, key);
  gint64 n;

  if (value == NULL || !g_ascii_string_to_signed (value, 10, min, max, &n, NULL))
    return fallback;

  return (int) n;
}

static gint64
local_midnight (GTimeZone   *tz,
                const GDate *date)
{
  g_autoptr(GDateTime) dt = g_date_time_new (tz, g_date_get_year (date), g_date_get_month (date),
                                             g_date_get_day (date), 0, 0, 0);

  return g_date_time_to_unix (dt) * 1000;
}

static void
format_date (const GDate *date,
             char         out[11])
{
  g_snprintf (out, 11, "%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date),
              g_date_get_day (date));
}

static int
days_between (const GDate *from,
              const GDate *to)
{
  return (int) g_date_get_julian (to) - (int) g_date_get_julian (from);
}

/* Days from today to @day ("YYYY-MM-DD") in @out_in_days; %FALSE (and 0) when it is not a date */
static gboolean
in_days_of (Ctx        *ctx,
            const char *day,
            int        *out_in_days)
{
  GDate d;

  *out_in_days = 0;
  /* A to-do's due day may carry a time of day */
  if (day == NULL || !kith_todo_parse_due (day, &d, NULL))
    return FALSE;

  *out_in_days = days_between (&ctx->today, &d);
  return TRUE;
}

/* Adds an entry to @section of the Agenda; the properties after @id are set as by
 * g_object_set () */
static void
add_entry (Ctx                   *ctx,
           KithAgendaSectionKind  section,
           KithAgendaEntryKind    kind,
           gint64                 id,
           const char            *first_property,
           ...)
{
  KithAgendaEntry *entry = kith_agenda_entry_new (kind, id);
  va_list args;

  va_start (args, first_property);
  g_object_set_valist (G_OBJECT (entry), first_property, args);
  va_end (args);
  g_ptr_array_add (ctx->entries[section], entry);
}

/* Who an entry is with, from a column of "id US kind US name" joined by RS (PEOPLE_COLUMN):
 * their records and kinds (#KithAgendaEntry:people-ids and :people-kinds), their names, and
 * the first one's record, 0 when there is none */
typedef struct {
  GArray *ids;
  GArray *kinds;
  GStrv   names;
  gint64  first_id;
} People;

static void
people_clear (People *p)
{
  g_clear_pointer (&p->ids, g_array_unref);
  g_clear_pointer (&p->kinds, g_array_unref);
  g_clear_pointer (&p->names, g_strfreev);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (People, people_clear)

static void
split_people (KithStatement *st,
              int            col,
              People        *out)
{
  g_auto(GStrv) people = g_strsplit (kith_statement_column_text (st, col) ?: "", "\x1e", -1);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  out->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  out->kinds = g_array_new (FALSE, FALSE, sizeof (int));
  for (guint i = 0; people[i] != NULL && people[i][0] != '\0'; i++)
    {
      g_auto(GStrv) parts = g_strsplit (people[i], "\x1f", 3);
      gint64 id = g_ascii_strtoll (parts[0], NULL, 10);
      int kind = parts[1] != NULL ? (int) g_ascii_strtoll (parts[1], NULL, 10) : KITH_RECORD_PERSON;

      g_array_append_val (out->ids, id);
      g_array_append_val (out->kinds, kind);
      g_ptr_array_add (names, g_strdup (parts[1] != NULL && parts[2] != NULL ? parts[2] : ""));
    }
  g_ptr_array_add (names, NULL);
  out->names = (GStrv) g_ptr_array_free (g_steal_pointer (&names), FALSE);
  out->first_id = out->ids->len > 0 ? g_array_index (out->ids, gint64, 0) : 0;
}

/* Who an entry is with, as one column of a statement for split_people(): one lookup a row
 * (three subqueries a row cost a third of the Agenda with 800 to-dos shown) */
#define PEOPLE_COLUMN(link_table, link_column, item) \
  "  (SELECT group_concat(r.id || char(31) || r.kind || char(31) || r.name, char(30)) " \
  "   FROM " link_table " tp JOIN records r ON r.id = tp.record_id WHERE tp." link_column " = " item ") "

/* Calls @add_row on every row of @st, which is prepared and bound */
static gboolean
add_each_row (Ctx            *ctx,
              KithStatement  *st,
              AddRowFunc      add_row,
              GError        **error)
{
  while (kith_statement_step (st, error))
    add_row (ctx, st);

  return !kith_statement_failed (st);
}

/* Runs @sql, with @params bound from ?1 on, and adds its rows */
static gboolean
add_rows (Ctx           *ctx,
          const char    *sql,
          const gint64  *params,
          guint          n_params,
          AddRowFunc     add_row,
          GError       **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, ctx->store, sql, error))
    return FALSE;
  for (guint i = 0; i < n_params; i++)
    kith_statement_bind_int64 (&st, i + 1, params[i]);

  return add_each_row (ctx, &st, add_row, error);
}

static KithAgendaSectionKind
todo_section (Ctx        *ctx,
              const char *due)
{
  int cmp;

  if (due == NULL)
    return KITH_AGENDA_SECTION_SOMEDAY;
  if ((cmp = strncmp (due, ctx->today_text, 10)) < 0)
    return KITH_AGENDA_SECTION_OVERDUE;

  return cmp == 0 ? KITH_AGENDA_SECTION_TODAY : KITH_AGENDA_SECTION_UPCOMING;
}

/* A to-do goes to the section of when it is due */
static void
add_todo (Ctx           *ctx,
          KithStatement *st)
{
  const char *due = kith_statement_column_text (st, 2);
  KithAgendaSectionKind kind = todo_section (ctx, due);
  g_auto(People) people = { 0 };
  int in_days;

  if (ctx->entries[kind]->len >= SECTION_LIMIT)
    return;

  in_days_of (ctx, due, &in_days);
  split_people (st, 5, &people);
  add_entry (ctx, kind, KITH_AGENDA_ENTRY_TODO, kith_statement_column_int64 (st, 0),
             "title", kith_statement_column_text (st, 1), "day", due, "in-days", in_days,
             "preview", kith_statement_column_text (st, 3), "assignee", kith_statement_column_text (st, 4),
             "people", people.names, "people-ids", people.ids, "people-kinds", people.kinds,
             "record-id", people.first_id, NULL);
}

/* One section's open to-dos, at most ?3, in order, with who they are with: @range is the part
 * of the index todos_open_by_due that holds the section, @rule the section's own test on its
 * rows. The index gives the order, so the people are looked up for the rows kept only */
#define TODO_SECTION(range, rule) \
  "SELECT t.id, t.subject, t.due, t.preview, t.assignee, " \
  PEOPLE_COLUMN ("todo_people", "todo_id", "t.id") \
  "FROM todos t WHERE t.done = 0 AND " range " AND " rule " ORDER BY t.due, t.id LIMIT ?3"

static gboolean
add_todos (Ctx         *ctx,
           GError     **error)
{
  /* Overdue, today, the next 7 days, someday. A due day may carry a time
   * ("YYYY-MM-DDTHH:MM"): a due whose day is before today sorts before today, one whose day is
   * today or within the week sorts before the next day's */
  static const char *sections[] = {
    TODO_SECTION ("t.due < ?2", "1"),
    TODO_SECTION ("t.due >= ?2 AND t.due < ?4", "substr (t.due, 1, 10) = ?2"),
    TODO_SECTION ("t.due > ?2 AND t.due < ?5", "substr (t.due, 1, 10) > ?2 AND substr (t.due, 1, 10) <= ?1"),
    TODO_SECTION ("t.due IS NULL", "1"),
  };
  GDate tomorrow = ctx->today;
  GDate after_week = ctx->today;
  char tomorrow_text[11];
  char week_end_text[11];
  char after_week_text[11];

  g_date_add_days (&tomorrow, 1);
  format_date (&tomorrow, tomorrow_text);
  g_date_add_days (&after_week, 7);
  format_date (&after_week, week_end_text);
  g_date_add_days (&after_week, 1);
  format_date (&after_week, after_week_text);

  /* Each section shows its first SECTION_LIMIT to-dos, so each is read on its own, in order,
   * and stops there */
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      g_auto(KithStatement) st = KITH_STATEMENT_INIT;

      if (!kith_statement_prepare (&st, ctx->store, sections[i], error))
        return FALSE;
      /* A statement ignores the parameters it does not name */
      kith_statement_bind_text (&st, 1, week_end_text);
      kith_statement_bind_text (&st, 2, ctx->today_text);
      kith_statement_bind_int64 (&st, 3, SECTION_LIMIT);
      kith_statement_bind_text (&st, 4, tomorrow_text);
      kith_statement_bind_text (&st, 5, after_week_text);
      if (!add_each_row (ctx, &st, add_todo, error))
        return FALSE;
    }

  return TRUE;
}

static void
add_reminder (Ctx           *ctx,
              KithStatement *st)
{
  gint64 record_id = kith_statement_column_int64 (st, 0);
  gint64 due_ms = kith_statement_column_int64 (st, 8) + kith_statement_column_int64 (st, 9) * DAY_MS;
  g_autoptr(GDateTime) due_dt = g_date_time_new_from_unix_utc (due_ms / 1000);
  g_autoptr(GDateTime) due_local = g_date_time_to_timezone (due_dt, ctx->tz);
  g_autofree char *due = g_date_time_format (due_local, "%Y-%m-%d");
  int in_days;

  in_days_of (ctx, due, &in_days);
  add_entry (ctx, KITH_AGENDA_SECTION_REMINDERS, KITH_AGENDA_ENTRY_REMINDER, record_id,
             "record-id", record_id, "record-kind", (int) kith_statement_column_int64 (st, 1),
             "title", kith_statement_column_text (st, 2), "segment", kith_statement_column_text (st, 3),
             "stage", kith_statement_column_text (st, 4), "step", kith_statement_column_text (st, 5),
             "detail", kith_statement_column_text (st, 6), "template", kith_statement_column_text (st, 7),
             "template-id", kith_statement_column_int64 (st, 10), "day", due, "in-days", in_days, NULL);
}

static gboolean
add_reminders (Ctx         *ctx,
               GError     **error)
{
  const gint64 params[] = { ctx->day_end, SECTION_LIMIT };

  return add_rows (ctx,
                   "SELECT r.id, r.kind, r.name, r.segment, r.stage, r.step, st.name, st.template, "
                   "  r.step_since, st.reminder_days, st.template_id "
                   "FROM records r JOIN steps st ON st.key = r.step "
                   "WHERE r.step IS NOT NULL AND st.reminder_days IS NOT NULL AND r.step_since IS NOT NULL "
                   "  AND r.step_since + st.reminder_days * 86400000 < ?1 "
                   "ORDER BY r.step_since + st.reminder_days * 86400000, r.id LIMIT ?2",
                   params, G_N_ELEMENTS (params), add_reminder, error);
}

typedef struct {
  gint64  record_id;
  char   *name;
  char   *name_key;   /* @name's collation key: sorting a thousand names with
                       * g_utf8_collate () would normalize each name at every comparison */
  char   *label;
  GDate   next;
  int     years;      /* -1 when the year is unknown */
  int     in_days;
} Occasion;

static void
occasion_free (Occasion *o)
{
  g_free (o->name);
  g_free (o->name_key);
  g_free (o->label);
  g_free (o);
}

static int
compare_occasions (gconstpointer a,
                   gconstpointer b)
{
  const Occasion *oa = *(const Occasion **) a;
  const Occasion *ob = *(const Occasion **) b;

  if (oa->in_days != ob->in_days)
    return oa->in_days - ob->in_days;

  return strcmp (oa->name_key, ob->name_key);
}

/* The next time a yearly date comes round, on or after today. 29 February falls on
 * 28 February in other years. */
static gboolean
next_occurrence (Ctx        *ctx,
                 const char *date,
                 GDate      *out_next,
                 int        *out_years)
{
  GDate when;
  gboolean has_year = date[0] != '-';
  int year = g_date_get_year (&ctx->today);

  if (!kith_parse_date (date, TRUE, &when))
    return FALSE;

  for (int attempt = 0; attempt < 2; attempt++, year++)
    {
      GDateDay day = g_date_get_day (&when);
      GDateMonth month = g_date_get_month (&when);

      if (month == G_DATE_FEBRUARY && day == 29 && !g_date_is_leap_year (year))
        day = 28;

      g_date_clear (out_next, 1);
      g_date_set_dmy (out_next, day, month, year);
      if (g_date_compare (out_next, &ctx->today) >= 0)
        {
          *out_years = has_year ? year - g_date_get_year (&when) : -1;
          return TRUE;
        }
    }

  return FALSE;
}


/* The yearly dates of @stmt's rows (id, name, date, label) that come round within @window days */
static gboolean
collect_occasions (Ctx            *ctx,
                   KithStatement  *st,
                   const char     *days_json,
                   int             window,
                   GPtrArray      *out,
                   GError        **error)
{
  kith_statement_bind_text (st, 1, days_json);
  while (kith_statement_step (st, error))
    {
      Occasion *o = g_new0 (Occasion, 1);

      o->record_id = kith_statement_column_int64 (st, 0);
      o->name = kith_statement_dup_text (st, 1);
      o->label = kith_statement_dup_text (st, 3);
      if (!next_occurrence (ctx, kith_statement_column_text (st, 2), &o->next, &o->years) ||
          (o->in_days = days_between (&ctx->today, &o->next)) > window)
        {
          occasion_free (o);
          continue;
        }
      o->name_key = g_utf8_collate_key (o->name != NULL ? o->name : "", -1);
      g_ptr_array_add (out, o);
    }

  return !kith_statement_failed (st);
}

static void
add_occasion (Ctx      *ctx,
              Occasion *o)
{
  char date[11];

  format_date (&o->next, date);
  add_entry (ctx, KITH_AGENDA_SECTION_OCCASIONS, KITH_AGENDA_ENTRY_OCCASION, o->record_id,
             "record-id", o->record_id, "title", o->name, "detail", o->label, "day", date,
             "in-days", o->in_days, "years", o->years, NULL);
}

/* The month-days ("MM-DD") that come round on @day and are not in @seen yet, as a JSON list for
 * json_each(), added to @seen (a window of 366 days meets today's again): 29 February stands in
 * on 28 February of a common year, as in kith_json_month_days() */
static char *
month_days_of (const GDate *day,
               GHashTable  *seen)
{
  GString *json = g_string_new ("[");
  char *days[2] = { NULL, NULL };

  days[0] = g_strdup_printf ("%02d-%02d", g_date_get_month (day), g_date_get_day (day));
  if (g_date_get_month (day) == G_DATE_FEBRUARY && g_date_get_day (day) == 28 &&
      !g_date_is_leap_year (g_date_get_year (day)))
    days[1] = g_strdup ("02-29");

  for (guint i = 0; i < G_N_ELEMENTS (days) && days[i] != NULL; i++)
    {
      if (g_hash_table_contains (seen, days[i]))
        {
          g_free (days[i]);
          continue;
        }
      g_string_append_printf (json, "%s\"%s\"", json->len > 1 ? "," : "", days[i]);
      g_hash_table_add (seen, days[i]);
    }
  g_string_append_c (json, ']');

  return g_string_free (json, FALSE);
}

static gboolean
add_occasions (Ctx         *ctx,
               GError     **error)
{
  static const char *queries[] = {
    /* birthdays */
    "SELECT id, name, birthday, ?2 FROM records "
    "WHERE birthday IS NOT NULL AND substr(birthday, -5) IN (SELECT value FROM json_each(?1))",
    /* anniversaries */
    "SELECT r.id, r.name, o.date, o.label FROM occasions o JOIN records r ON r.id = o.record_id "
    "WHERE substr(o.date, -5) IN (SELECT value FROM json_each(?1))",
    /* custom date fields marked "remind yearly": the few fields first, then their values of the
     * day. Written so, not left to SQLite: without statistics (a store that has grown since
     * Kith last closed and ran PRAGMA optimize) it read every value of every field first,
     * 80 ms a day at a million people */
    "SELECT r.id, r.name, v.value, f.name FROM custom_fields f "
    "CROSS JOIN custom_values v INDEXED BY custom_values_by_field_day ON v.field_id = f.id "
    "JOIN records r ON r.id = v.record_id "
    "WHERE f.type = 'date' AND f.remind_yearly AND substr(v.value, -5) IN (SELECT value FROM json_each(?1))",
  };
  int window = setting_int (ctx->store, "agenda-occasion-days", 14, 0, 366);
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) occasion_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GDate day = ctx->today;

  /* Day by day from today: the section shows the first SECTION_LIMIT by day, then name, so once
   * a whole day has been read and that many are found, no later day can come before them */
  for (int i = 0; i <= window && found->len < SECTION_LIMIT; i++, g_date_add_days (&day, 1))
    {
      g_autofree char *days = month_days_of (&day, seen);

      for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
        {
          g_auto(KithStatement) st = KITH_STATEMENT_INIT;

          if (!kith_statement_prepare (&st, ctx->store, queries[q], error))
            return FALSE;
          if (q == 0)
            kith_statement_bind_text (&st, 2, _("Birthday"));
          if (!collect_occasions (ctx, &st, days, window, found, error))
            return FALSE;
        }
    }

  g_ptr_array_sort (found, compare_occasions);
  for (guint i = 0; i < found->len && i < SECTION_LIMIT; i++)
    add_occasion (ctx, g_ptr_array_index (found, i));

  return TRUE;
}

/* Who is due to be kept in touch with, before their name is looked up */
typedef struct {
  gint64 id;
  gint64 overdue;   /* whole days */
  int    cadence;
} DuePerson;

/* Most overdue first, then by id */
static int
compare_due (gconstpointer a,
             gconstpointer b)
{
  const DuePerson *da = a;
  const DuePerson *db = b;

  if (da->overdue != db->overdue)
    return da->overdue < db->overdue ? 1 : -1;

  return (da->id > db->id) - (da->id < db->id);
}

/* One stream of people due, read from its index in the order they fell due: by a key (when
 * they were last in touch, or when they fell due) that is below a bound, each as many whole
 * days overdue as the key is below it. @first_sql gives (id, key, cadence) with key < ?1 in
 * key order, at most ?2; @group_sql gives (id, cadence) with ?1 <= key <= ?2, the first ?3 by
 * id. A segment's stream binds its key to ?4 and its cadence to ?5 */
typedef struct {
  const char *first_sql;
  const char *group_sql;
  const char *segment;
  int         cadence;
  gint64      bound;
} DueStream;

#define DUE_BY_SEGMENT \
  "FROM records INDEXED BY records_due_by_segment " \
  "WHERE kind = 0 AND cadence_days IS NULL AND stage IS NOT 'out' AND segment = ?4 "
#define DUE_OWN \
  "FROM records INDEXED BY records_due_own WHERE kind = 0 AND cadence_days > 0 AND stage IS NOT 'out' "
#define DUE_OWN_KEY "coalesce(last_contact, created) + cadence_days * 86400000"

static const DueStream due_by_segment = {
  "SELECT id, coalesce(last_contact, created), ?5 " DUE_BY_SEGMENT
  "  AND coalesce(last_contact, created) < ?1 ORDER BY coalesce(last_contact, created) LIMIT ?2",
  "SELECT id, ?5 " DUE_BY_SEGMENT
  "  AND coalesce(last_contact, created) BETWEEN ?1 AND ?2 ORDER BY id LIMIT ?3",
  NULL, 0, 0
};

static const DueStream due_own = {
  "SELECT id, " DUE_OWN_KEY ", cadence_days " DUE_OWN
  "  AND " DUE_OWN_KEY " < ?1 ORDER BY " DUE_OWN_KEY " LIMIT ?2",
  "SELECT id, cadence_days " DUE_OWN
  "  AND " DUE_OWN_KEY " BETWEEN ?1 AND ?2 ORDER BY id LIMIT ?3",
  NULL, 0, 0
};

static gboolean
prepare_due (Ctx             *ctx,
             KithStatement   *st,
             const char      *sql,
             const DueStream *stream,
             GError         **error)
{
  if (!kith_statement_prepare (st, ctx->store, sql, error))
    return FALSE;
  if (stream->segment != NULL)
    {
      kith_statement_bind_text (st, 4, stream->segment);
      kith_statement_bind_int64 (st, 5, stream->cadence);
    }

  return TRUE;
}

/* Adds to @out those of the people @overdue days overdue in @stream who come first by id, at
 * most @n: the day the stream's SECTION_LIMIT-th fell due may be shared by thousands */
static gboolean
add_due_day (Ctx             *ctx,
             const DueStream *stream,
             gint64           overdue,
             guint            n,
             GArray          *out,
             GError         **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!prepare_due (ctx, &st, stream->group_sql, stream, error))
    return FALSE;
  /* (bound - key) / DAY_MS == overdue, and key < bound */
  kith_statement_bind_int64 (&st, 1, stream->bound - (overdue + 1) * DAY_MS + 1);
  kith_statement_bind_int64 (&st, 2, stream->bound - overdue * DAY_MS - (overdue == 0 ? 1 : 0));
  kith_statement_bind_int64 (&st, 3, n);
  while (kith_statement_step (&st, error))
    {
      DuePerson due = { kith_statement_column_int64 (&st, 0), overdue, (int) kith_statement_column_int64 (&st, 1) };

      g_array_append_val (out, due);
    }

  return !kith_statement_failed (&st);
}

/* Adds to @out the first SECTION_LIMIT of @stream by days overdue, then id: its first
 * SECTION_LIMIT in the order they fell due, but of the last day among them, those first by id */
static gboolean
add_due_stream (Ctx             *ctx,
                const DueStream *stream,
                GArray          *out,
                GError         **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  g_autoptr(GArray) first = g_array_new (FALSE, FALSE, sizeof (DuePerson));
  gint64 last;
  guint before_last = 0;

  if (!prepare_due (ctx, &st, stream->first_sql, stream, error))
    return FALSE;
  kith_statement_bind_int64 (&st, 1, stream->bound);
  kith_statement_bind_int64 (&st, 2, SECTION_LIMIT);
  while (kith_statement_step (&st, error))
    {
      DuePerson due = { kith_statement_column_int64 (&st, 0),
                        (stream->bound - kith_statement_column_int64 (&st, 1)) / DAY_MS,
                        (int) kith_statement_column_int64 (&st, 2) };

      g_array_append_val (first, due);
    }
  if (kith_statement_failed (&st))
    return FALSE;
  kith_statement_clear (&st);

  if (first->len < SECTION_LIMIT)
    {
      g_array_append_vals (out, first->data, first->len);
      return TRUE;
    }

  last = g_array_index (first, DuePerson, first->len - 1).overdue;
  while (g_array_index (first, DuePerson, before_last).overdue > last)
    before_last++;
  g_array_append_vals (out, first->data, before_last);

  return add_due_day (ctx, stream, last, SECTION_LIMIT - before_last, out, error);
}

typedef struct {
  char *key;
  int   cadence;
} SegmentCadence;

static void
segment_cadence_clear (SegmentCadence *s)
{
  g_free (s->key);
}

/* The segments with a cadence */
static GArray *
segment_cadences (Ctx     *ctx,
                  GError **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  g_autoptr(GArray) out = g_array_new (FALSE, FALSE, sizeof (SegmentCadence));

  g_array_set_clear_func (out, (GDestroyNotify) segment_cadence_clear);
  if (!kith_statement_prepare (&st, ctx->store, "SELECT key, cadence_days FROM segments WHERE cadence_days > 0", error))
    return NULL;
  while (kith_statement_step (&st, error))
    {
      SegmentCadence s = { kith_statement_dup_text (&st, 0), (int) kith_statement_column_int64 (&st, 1) };

      g_array_append_val (out, s);
    }

  return kith_statement_failed (&st) ? NULL : g_steal_pointer (&out);
}

/* Everyone who may be among the first SECTION_LIMIT to keep in touch with, unsorted */
static GArray *
collect_due (Ctx     *ctx,
             GError **error)
{
  g_autoptr(GArray) out = g_array_new (FALSE, FALSE, sizeof (DuePerson));
  g_autoptr(GArray) segments = segment_cadences (ctx, error);
  DueStream own = due_own;

  if (segments == NULL)
    return NULL;

  for (guint i = 0; i < segments->len; i++)
    {
      const SegmentCadence *s = &g_array_index (segments, SegmentCadence, i);
      DueStream stream = due_by_segment;

      stream.segment = s->key;
      stream.cadence = s->cadence;
      stream.bound = ctx->day_end - s->cadence * DAY_MS;
      if (!add_due_stream (ctx, &stream, out, error))
        return NULL;
    }

  own.bound = ctx->day_end;
  if (!add_due_stream (ctx, &own, out, error))
    return NULL;

  return g_steal_pointer (&out);
}

static gboolean
add_stay_in_touch_row (Ctx              *ctx,
                       KithStatement    *st,
                       const DuePerson  *due,
                       GError          **error)
{
  kith_statement_bind_int64 (st, 1, due->id);
  if (!kith_statement_has_row (st, error))
    return !kith_statement_failed (st);

  add_entry (ctx, KITH_AGENDA_SECTION_STAY_IN_TOUCH, KITH_AGENDA_ENTRY_STAY_IN_TOUCH, due->id,
             "record-id", due->id, "title", kith_statement_column_text (st, 0),
             "segment", kith_statement_column_text (st, 1), "stage", kith_statement_column_text (st, 2),
             "cadence", due->cadence, "time", kith_statement_column_int64 (st, 3),
             "overdue-days", (int) MAX (due->overdue, 0), NULL);

  return TRUE;
}

static gboolean
add_stay_in_touch (Ctx         *ctx,
                   GError     **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  g_autoptr(GArray) due = NULL;

  /* Most overdue first, then by id. Who is due is read in the order they fell due from two
   * kinds of index (migration 17): people on a cadence of their own by the time they fell due
   * (records_due_own), the others per segment with a cadence by last contact
   * (records_due_by_segment). Days overdue never grow along that order, so each of these
   * streams gives its first SECTION_LIMIT, except that of the day the last of them fell due,
   * which may be shared by thousands (people imported together and not contacted since),
   * only the first by id are read. Each segment is read with its own statement: joined to the
   * segments, SQLite built a Bloom filter over the whole index at each call (20–35 ms at
   * 100,000 people, even with no one due). Names are looked up for the rows kept */
  due = collect_due (ctx, error);
  if (due == NULL)
    return FALSE;
  g_array_sort (due, compare_due);

  if (!kith_statement_prepare (&st, ctx->store,
                               "SELECT name, segment, stage, last_contact FROM records WHERE id = ?1", error))
    return FALSE;
  for (guint i = 0; i < due->len && i < SECTION_LIMIT; i++)
    if (!add_stay_in_touch_row (ctx, &st, &g_array_index (due, DuePerson, i), error))
      return FALSE;

  return TRUE;
}

static void
add_reply (Ctx           *ctx,
           KithStatement *st)
{
  add_entry (ctx, KITH_AGENDA_SECTION_NEEDS_REPLY, KITH_AGENDA_ENTRY_NEEDS_REPLY, kith_statement_column_int64 (st, 0),
             "record-id", kith_statement_column_int64 (st, 4), "title", kith_statement_column_text (st, 5),
             "detail", kith_statement_column_text (st, 1), "time", kith_statement_column_int64 (st, 2),
             "preview", kith_statement_column_text (st, 3), NULL);
}

static gboolean
add_needs_reply (Ctx         *ctx,
                 GError     **error)
{
  int window = setting_int (ctx->store, "agenda-reply-days", 14, 1, 365);
  const gint64 params[] = { ctx->day_start - window * DAY_MS, ctx->day_end, SECTION_LIMIT };

  return add_rows (ctx,
                   "SELECT t.id, t.subject, t.date, t.preview, tp.record_id, r.name "
                   "FROM timeline t "
                   "JOIN timeline_people tp ON tp.item_id = t.id AND tp.role = 'from' "
                   "JOIN records r ON r.id = tp.record_id "
                   "WHERE t.kind = 'email' AND t.direction = 'inbound' AND t.date >= ?1 AND t.date < ?2 "
                   "  AND NOT EXISTS (SELECT 1 FROM timeline o WHERE o.thread_id = t.thread_id "
                   "                  AND o.date > t.date AND o.kind = 'email') "
                   "ORDER BY t.date DESC, t.id DESC LIMIT ?3",
                   params, G_N_ELEMENTS (params), add_reply, error);
}

/* How many of tomorrow's meetings the Upcoming section shows */
#define TOMORROW_MEETINGS 3

#define MEETING_COLUMNS \
  "SELECT t.id, t.subject, t.date, t.duration, t.location, " \
  PEOPLE_COLUMN ("timeline_people", "item_id", "t.id") \
  ", json_extract(t.links, '$[0]') " \
  "FROM timeline t WHERE t.kind = 'meeting' AND t.date >= ?1 AND t.date < ?2 " \
  "ORDER BY t.date, t.id LIMIT ?3"

static void
add_meeting_to (Ctx                   *ctx,
                KithAgendaSectionKind  section,
                KithStatement         *st)
{
  g_auto(People) people = { 0 };
  gint64 start = kith_statement_column_int64 (st, 2);
  gint64 duration = kith_statement_column_is_null (st, 3) ? (gint64) -1 : kith_statement_column_int64 (st, 3);
  gboolean next = FALSE;

  /* The next meeting is the first of today's not yet over; one of unknown length is over once
   * it has begun */
  if (section == KITH_AGENDA_SECTION_MEETINGS && !ctx->next_found &&
      start + MAX (duration, 0) * 1000 > ctx->now)
    next = ctx->next_found = TRUE;

  split_people (st, 5, &people);
  add_entry (ctx, section, KITH_AGENDA_ENTRY_MEETING, kith_statement_column_int64 (st, 0),
             "title", kith_statement_column_text (st, 1), "time", start, "duration", duration,
             "detail", kith_statement_column_text (st, 4), "people", people.names, "people-ids", people.ids,
             "people-kinds", people.kinds, "record-id", people.first_id,
             "link", kith_statement_column_text (st, 6), "next", next,
             "in-days", section == KITH_AGENDA_SECTION_MEETINGS ? 0 : 1, NULL);
}

static void
add_meeting (Ctx           *ctx,
             KithStatement *st)
{
  add_meeting_to (ctx, KITH_AGENDA_SECTION_MEETINGS, st);
}

static void
add_tomorrow_meeting (Ctx           *ctx,
                      KithStatement *st)
{
  add_meeting_to (ctx, KITH_AGENDA_SECTION_UPCOMING, st);
}

static gboolean
add_meetings (Ctx         *ctx,
              GError     **error)
{
  const gint64 params[] = { ctx->day_start, ctx->day_end, SECTION_LIMIT };
  GDate after_tomorrow = ctx->today;
  gint64 tomorrow_params[] = { ctx->day_end, 0, TOMORROW_MEETINGS };

  g_date_add_days (&after_tomorrow, 2);
  tomorrow_params[1] = local_midnight (ctx->tz, &after_tomorrow);

  /* Today's meetings have their own section; tomorrow's first few go under Upcoming, after
   * the week's to-dos */
  return add_rows (ctx, MEETING_COLUMNS, params, G_N_ELEMENTS (params), add_meeting, error) &&
         add_rows (ctx, MEETING_COLUMNS, tomorrow_params, G_N_ELEMENTS (tomorrow_params),
                   add_tomorrow_meeting, error);
}

/* Sets the day the Agenda is for: @date, or today in @tz */
static gboolean
set_today (Ctx         *ctx,
           const char  *date,
           GError     **error)
{
  g_autoptr(GDateTime) now_dt = NULL;
  g_autoptr(GDateTime) now_local = NULL;
  GDate tomorrow;

  if (date != NULL && !kith_parse_date (date, FALSE, &ctx->today))
    {
      g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID,
                   _("“%s” is not a date (YYYY-MM-DD)"), g_utf8_validate (date, -1, NULL) ? date : "?");
      return FALSE;
    }
  if (date == NULL)
    {
      now_dt = g_date_time_new_from_unix_utc (ctx->now / 1000);
      now_local = g_date_time_to_timezone (now_dt, ctx->tz);
      g_date_clear (&ctx->today, 1);
      g_date_set_dmy (&ctx->today, g_date_time_get_day_of_month (now_local),
                      g_date_time_get_month (now_local), g_date_time_get_year (now_local));
    }

  format_date (&ctx->today, ctx->today_text);
  tomorrow = ctx->today;
  g_date_add_days (&tomorrow, 1);
  ctx->day_start = local_midnight (ctx->tz, &ctx->today);
  ctx->day_end = local_midnight (ctx->tz, &tomorrow);

  return TRUE;
}

/**
 * kith_agenda_compute_model:
 * @store: the store; its clock says what "now" is
 * @tz: (nullable): the user's time zone, which decides where "today" begins; %NULL for local
 * @date: (nullable): the day to compute the Agenda for ("YYYY-MM-DD"); %NULL for today
 *
 * Computes the Agenda: to-dos (overdue, today, next 7 days, someday), next-step reminders,
 * birthdays and anniversaries coming up, people to stay in touch with, inbound mail waiting for
 * a reply and today's meetings, as a model of sections of typed entries read from the rows, for
 * a list to show (kith_agenda_model_update() puts it on screen); kith_agenda_model_to_json()
 * makes kith-cli's JSON of it. See docs/agenda.md for the rules.
 *
 * Returns: (transfer full) (nullable): the Agenda, or %NULL with @error set
 */
KithAgendaModel *
kith_agenda_compute_model (KithStore   *store,
                           GTimeZone   *tz,
                           const char  *date,
                           GError     **error)
{
  g_autoptr(KithAgendaModel) model = NULL;
  g_autoptr(GTimeZone) local = NULL;
  Ctx ctx = { 0 };
  gboolean ok;

  g_return_val_if_fail (KITH_IS_STORE (store), NULL);

  if (tz == NULL)
    tz = local = g_time_zone_new_local ();

  ctx.store = store;
  ctx.tz = tz;
  ctx.now = kith_store_now (store);
  if (!set_today (&ctx, date, error))
    return NULL;
  ctx.model = model = kith_agenda_model_new (ctx.today_text);
  for (guint i = 0; i < KITH_AGENDA_N_SECTIONS; i++)
    ctx.entries[i] = g_ptr_array_new_with_free_func (g_object_unref);

  kith_store_lock (store);
  ok = add_todos (&ctx, error) &&
       add_reminders (&ctx, error) &&
       add_occasions (&ctx, error) &&
       add_stay_in_touch (&ctx, error) &&
       add_needs_reply (&ctx, error) &&
       add_meetings (&ctx, error);
  kith_store_unlock (store);

  /* Each section changes once, not once an entry (a fifth of the Agenda's instructions) */
  for (guint i = 0; i < KITH_AGENDA_N_SECTIONS; i++)
    {
      kith_agenda_section_append (kith_agenda_model_get_section (model, i),
                                  (KithAgendaEntry **) ctx.entries[i]->pdata, ctx.entries[i]->len);
      g_ptr_array_unref (ctx.entries[i]);
    }

  return ok ? g_steal_pointer (&model) : NULL;
}

static gboolean
already_notified (KithStore  *store,
                  const char *kind,
                  gint64      ref,
                  const char *due,
                  gint64      now,
                  gboolean   *out_snooze_over)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  gboolean found;

  *out_snooze_over = FALSE;
  if (!kith_statement_prepare (&st, store, "SELECT snoozed_until FROM notified WHERE kind = ? AND ref = ? AND due = ?", NULL))
    return TRUE;

  kith_statement_bind_text (&st, 1, kind);
  kith_statement_bind_int64 (&st, 2, ref);
  kith_statement_bind_text (&st, 3, due);
  found = kith_statement_has_row (&st, NULL);
  if (found && !kith_statement_column_is_null (&st, 0) && kith_statement_column_int64 (&st, 0) <= now)
    *out_snooze_over = TRUE;

  return found && !*out_snooze_over;
}

/* Writes that @kind @ref was raised for @due at @now: with @snoozed_until %NULL, a new raise
 * that ends any snooze; else a snooze until then */
static gboolean
set_notified (KithStore     *store,
              const char    *kind,
              gint64         ref,
              const char    *due,
              gint64         now,
              const gint64  *snoozed_until,
              GError       **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, store, snoozed_until == NULL ?
                               "INSERT INTO notified (kind, ref, due, at) VALUES (?1, ?2, ?3, ?4) "
                               "ON CONFLICT (kind, ref, due) DO UPDATE SET at = excluded.at, snoozed_until = NULL" :
                               "INSERT INTO notified (kind, ref, due, at, snoozed_until) VALUES (?1, ?2, ?3, ?4, ?5) "
                               "ON CONFLICT (kind, ref, due) DO UPDATE SET snoozed_until = excluded.snoozed_until",
                               error))
    return FALSE;

  kith_statement_bind_text (&st, 1, kind);
  kith_statement_bind_int64 (&st, 2, ref);
  kith_statement_bind_text (&st, 3, due);
  kith_statement_bind_int64 (&st, 4, now);
  if (snoozed_until != NULL)
    kith_statement_bind_int64 (&st, 5, *snoozed_until);

  return kith_statement_run (&st, error);
}

/* A to-do due today at a time of day not come yet (in @tz) is not due yet */
static gboolean
due_later_today (KithAgendaEntry *entry,
                 GTimeZone       *tz,
                 gint64           now)
{
  g_autoptr(GDateTime) at = NULL;
  GDate day;
  int minute;

  if (kith_agenda_entry_get_kind (entry) != KITH_AGENDA_ENTRY_TODO ||
      !kith_todo_parse_due (kith_agenda_entry_get_day (entry), &day, &minute) || minute < 0)
    return FALSE;

  at = g_date_time_new (tz, g_date_get_year (&day), g_date_get_month (&day), g_date_get_day (&day),
                        minute / 60, minute % 60, 0);
  return at != NULL && g_date_time_to_unix (at) * 1000 > now;
}

/* Takes the entries of @section due by @now and not yet raised (or whose snooze is over) into
 * @out, marking them */
static gboolean
take_section (KithStore   *store,
              GListModel  *section,
              GTimeZone   *tz,
              gint64       now,
              GPtrArray   *out,
              GError     **error)
{
  for (guint i = 0; i < g_list_model_get_n_items (section); i++)
    {
      g_autoptr(KithAgendaEntry) entry = g_list_model_get_item (section, i);
      const char *kind = kith_agenda_entry_get_kind (entry) == KITH_AGENDA_ENTRY_TODO ? "todo" : "reminder";
      gint64 ref = kith_agenda_entry_get_id (entry);
      const char *due = kith_agenda_entry_get_day (entry);
      gboolean snooze_over;

      if (due_later_today (entry, tz, now) || already_notified (store, kind, ref, due, now, &snooze_over))
        continue;
      g_ptr_array_add (out, g_object_ref (entry));
      if (!set_notified (store, kind, ref, due, now, NULL, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * kith_agenda_take_notifications:
 * @tz: (nullable): the user's time zone; %NULL for local
 *
 * The to-dos and next-step reminders that are due and have not been notified yet (or whose
 * snooze is over), marked as notified. A to-do with a time of day is due at that time, not at
 * the start of its day. Call it at start and on a timer: what came due while the
 * computer was off is returned once, at the next call, and never again.
 *
 * Returns: (transfer container) (element-type KithAgendaEntry) (nullable): the entries of the
 *   Agenda to raise, to-dos (overdue, then today's) before next steps; %NULL with @error set
 */
GPtrArray *
kith_agenda_take_notifications (KithStore  *store,
                                GTimeZone  *tz,
                                GError    **error)
{
  static const KithAgendaSectionKind due_now[] = {
    KITH_AGENDA_SECTION_OVERDUE, KITH_AGENDA_SECTION_TODAY, KITH_AGENDA_SECTION_REMINDERS,
  };
  g_autoptr(KithAgendaModel) agenda = NULL;
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GTimeZone) local = NULL;
  gint64 now;

  g_return_val_if_fail (KITH_IS_STORE (store), NULL);

  if (tz == NULL)
    tz = local = g_time_zone_new_local ();

  kith_store_lock (store);
  agenda = kith_agenda_compute_model (store, tz, NULL, error);
  if (agenda == NULL)
    goto fail;

  now = kith_store_now (store);
  if (!kith_store_begin (store, error))
    goto fail;

  for (guint s = 0; s < G_N_ELEMENTS (due_now); s++)
    if (!take_section (store, G_LIST_MODEL (kith_agenda_model_get_section (agenda, due_now[s])), tz, now, out, error))
      goto rollback;

  if (!kith_store_commit (store, error))
    goto fail;
  kith_store_unlock (store);

  return g_steal_pointer (&out);

rollback:
  kith_store_rollback (store);
fail:
  kith_store_unlock (store);
  return NULL;
}

/**
 * kith_agenda_snooze_notification:
 * @until_ms: when to raise it again
 *
 * Raises a notification again at @until_ms: kith_agenda_take_notifications() returns it once
 * that time has come (if it is still due).
 */
gboolean
kith_agenda_snooze_notification (KithStore   *store,
                                 const char  *kind,
                                 gint64       ref,
                                 const char  *due,
                                 gint64       until_ms,
                                 GError     **error)
{
  gboolean ok;

  g_return_val_if_fail (KITH_IS_STORE (store), FALSE);

  kith_store_lock (store);
  ok = set_notified (store, kind, ref, due, kith_store_now (store), &until_ms, error);
  kith_store_unlock (store);

  return ok;
}
