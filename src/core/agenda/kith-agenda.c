/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithAgenda"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kith-agenda.h"
#include "kith-store-private.h"
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
  JsonArray *sections[KITH_AGENDA_N_SECTIONS];   /* the JSON of each section, for "counts" */
  KithAgendaModel *model;                         /* the typed Agenda, when asked for */
} Ctx;

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

static void
set_text (JsonObject   *obj,
          const char   *member,
          sqlite3_stmt *stmt,
          int           col)
{
  if (sqlite3_column_type (stmt, col) != SQLITE_NULL)
    json_object_set_string_member (obj, member, (const char *) sqlite3_column_text (stmt, col));
}

/* Adds an entry to the typed Agenda when one is computed (kith_agenda_compute_model ()); the
 * properties after @id are set as by g_object_set () */
static void
add_entry (Ctx                   *ctx,
           KithAgendaSectionKind  section,
           KithAgendaEntryKind    kind,
           gint64                 id,
           const char            *first_property,
           ...)
{
  g_autoptr(KithAgendaEntry) entry = NULL;
  va_list args;

  if (ctx->model == NULL)
    return;

  entry = kith_agenda_entry_new (kind, id);
  va_start (args, first_property);
  g_object_set_valist (G_OBJECT (entry), first_property, args);
  va_end (args);
  kith_agenda_section_append (kith_agenda_model_get_section (ctx->model, section), entry);
}

/* The names of who it is with, from a column of names joined by the unit separator */
static GStrv
split_names (sqlite3_stmt *stmt,
             int           col)
{
  const char *names = (const char *) sqlite3_column_text (stmt, col);

  return names != NULL ? g_strsplit (names, "\x1f", -1) : g_new0 (char *, 1);
}

/* Who an entry is with: their names and the first one's id, as two columns of a statement.
 * The subqueries join the same way as the one listing them for the JSON, so the order is the same */
#define PEOPLE_COLUMNS(link_table, link_column, item) \
  "  (SELECT group_concat(r.name, char(31)) FROM " link_table " tp JOIN records r ON r.id = tp.record_id " \
  "   WHERE tp." link_column " = " item "), " \
  "  (SELECT r.id FROM " link_table " tp JOIN records r ON r.id = tp.record_id " \
  "   WHERE tp." link_column " = " item " LIMIT 1) "

static KithAgendaSectionKind
todo_section (Ctx        *ctx,
              const char *due)
{
  int cmp;

  if (due == NULL)
    return KITH_AGENDA_SECTION_SOMEDAY;
  if ((cmp = strcmp (due, ctx->today_text)) < 0)
    return KITH_AGENDA_SECTION_OVERDUE;

  return cmp == 0 ? KITH_AGENDA_SECTION_TODAY : KITH_AGENDA_SECTION_UPCOMING;
}

/* To-dos, by when they are due: overdue, today, the next seven days, someday. Done ones go. */
static gboolean
add_todos (Ctx         *ctx,
           JsonObject  *agenda,
           GError     **error)
{
  JsonObject *todos = json_object_new ();
  JsonArray *overdue = json_array_new ();
  JsonArray *today = json_array_new ();
  JsonArray *upcoming = json_array_new ();
  JsonArray *someday = json_array_new ();
  GDate week_end = ctx->today;
  char week_end_text[11];
  sqlite3_stmt *stmt;

  g_date_add_days (&week_end, 7);
  format_date (&week_end, week_end_text);

  json_object_set_array_member (todos, "overdue", overdue);
  json_object_set_array_member (todos, "today", today);
  json_object_set_array_member (todos, "upcoming", upcoming);
  json_object_set_array_member (todos, "someday", someday);
  json_object_set_object_member (agenda, "todos", todos);
  ctx->sections[KITH_AGENDA_SECTION_OVERDUE] = overdue;
  ctx->sections[KITH_AGENDA_SECTION_TODAY] = today;
  ctx->sections[KITH_AGENDA_SECTION_UPCOMING] = upcoming;
  ctx->sections[KITH_AGENDA_SECTION_SOMEDAY] = someday;

  stmt = kith_store_prepare (ctx->store,
                             "SELECT t.id, t.subject, t.due, t.preview, t.assignee, "
                             "  (SELECT json_group_array(json_object('id', r.id, 'name', r.name, 'kind', r.kind)) "
                             "   FROM todo_people tp JOIN records r ON r.id = tp.record_id WHERE tp.todo_id = t.id), "
                             PEOPLE_COLUMNS ("todo_people", "todo_id", "t.id")
                             "FROM todos t WHERE t.done = 0 AND (t.due IS NULL OR t.due <= ?) "
                             "ORDER BY t.due IS NULL, t.due, t.id",
                             error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, week_end_text, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *due = (const char *) sqlite3_column_text (stmt, 2);
      KithAgendaSectionKind kind = todo_section (ctx, due);
      JsonArray *section = ctx->sections[kind];
      g_auto(GStrv) people = NULL;
      JsonObject *todo;
      int in_days = 0;

      if (json_array_get_length (section) >= SECTION_LIMIT)
        continue;

      todo = json_object_new ();
      json_object_set_int_member (todo, "id", sqlite3_column_int64 (stmt, 0));
      set_text (todo, "subject", stmt, 1);
      json_object_set_string_member (todo, "when", due != NULL ? due : "someday");
      set_text (todo, "preview", stmt, 3);
      set_text (todo, "assignee", stmt, 4);
      json_object_set_member (todo, "participants",
                              json_from_string ((const char *) sqlite3_column_text (stmt, 5), NULL));
      if (due != NULL)
        {
          GDate d;

          if (kith_parse_date (due, FALSE, &d))
            json_object_set_int_member (todo, "inDays", in_days = days_between (&ctx->today, &d));
        }
      json_array_add_object_element (section, todo);

      people = split_names (stmt, 6);
      add_entry (ctx, kind, KITH_AGENDA_ENTRY_TODO, sqlite3_column_int64 (stmt, 0),
                 "title", sqlite3_column_text (stmt, 1), "day", due, "in-days", in_days,
                 "people", people, "record-id", (gint64) sqlite3_column_int64 (stmt, 7), NULL);
    }
  sqlite3_reset (stmt);

  return TRUE;
}

/* A record on a step with a reminder delay: due that many days after it entered the step.
 * Moving on (another step, another stage) resets step_since, and with it the reminder. */
static gboolean
add_reminders (Ctx         *ctx,
               JsonObject  *agenda,
               GError     **error)
{
  JsonArray *reminders = json_array_new ();
  sqlite3_stmt *stmt;

  json_object_set_array_member (agenda, "reminders", reminders);
  ctx->sections[KITH_AGENDA_SECTION_REMINDERS] = reminders;

  stmt = kith_store_prepare (ctx->store,
                             "SELECT r.id, r.kind, r.name, r.segment, r.stage, r.step, st.name, st.template, "
                             "  r.step_since, st.reminder_days "
                             "FROM records r JOIN steps st ON st.key = r.step "
                             "WHERE r.step IS NOT NULL AND st.reminder_days IS NOT NULL AND r.step_since IS NOT NULL "
                             "  AND r.step_since + st.reminder_days * 86400000 < ?1 "
                             "ORDER BY r.step_since + st.reminder_days * 86400000, r.id LIMIT ?2",
                             error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, ctx->day_end);
  sqlite3_bind_int (stmt, 2, SECTION_LIMIT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      JsonObject *reminder = json_object_new ();
      gint64 due_ms = sqlite3_column_int64 (stmt, 8) + sqlite3_column_int64 (stmt, 9) * DAY_MS;
      g_autoptr(GDateTime) due_dt = g_date_time_new_from_unix_utc (due_ms / 1000);
      g_autoptr(GDateTime) due_local = g_date_time_to_timezone (due_dt, ctx->tz);
      g_autofree char *due = g_date_time_format (due_local, "%Y-%m-%d");
      GDate due_date;
      int in_days = 0;

      json_object_set_int_member (reminder, "recordId", sqlite3_column_int64 (stmt, 0));
      json_object_set_string_member (reminder, "kind", kith_record_kind_to_string (sqlite3_column_int (stmt, 1)));
      set_text (reminder, "name", stmt, 2);
      set_text (reminder, "segment", stmt, 3);
      set_text (reminder, "stage", stmt, 4);
      set_text (reminder, "step", stmt, 5);
      set_text (reminder, "stepName", stmt, 6);
      set_text (reminder, "template", stmt, 7);
      json_object_set_string_member (reminder, "due", due);
      if (kith_parse_date (due, FALSE, &due_date))
        json_object_set_int_member (reminder, "inDays", in_days = days_between (&ctx->today, &due_date));
      json_array_add_object_element (reminders, reminder);

      add_entry (ctx, KITH_AGENDA_SECTION_REMINDERS, KITH_AGENDA_ENTRY_REMINDER, sqlite3_column_int64 (stmt, 0),
                 "record-id", (gint64) sqlite3_column_int64 (stmt, 0), "title", sqlite3_column_text (stmt, 2),
                 "detail", sqlite3_column_text (stmt, 6), "template", sqlite3_column_text (stmt, 7),
                 "day", due, "in-days", in_days, NULL);
    }
  sqlite3_reset (stmt);

  return TRUE;
}

typedef struct {
  gint64  record_id;
  char   *name;
  char   *label;
  GDate   next;
  int     years;      /* -1 when the year is unknown */
  int     in_days;
} Occasion;

static void
occasion_free (Occasion *o)
{
  g_free (o->name);
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

  return g_utf8_collate (oa->name, ob->name);
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

static gboolean
collect_occasions (Ctx          *ctx,
                   sqlite3_stmt *stmt,
                   const char   *days_json,
                   int           window,
                   GPtrArray    *out)
{
  sqlite3_bind_text (stmt, 1, days_json, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      Occasion *o = g_new0 (Occasion, 1);

      o->record_id = sqlite3_column_int64 (stmt, 0);
      o->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      o->label = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      if (!next_occurrence (ctx, (const char *) sqlite3_column_text (stmt, 2), &o->next, &o->years) ||
          (o->in_days = days_between (&ctx->today, &o->next)) > window)
        {
          occasion_free (o);
          continue;
        }
      g_ptr_array_add (out, o);
    }
  sqlite3_reset (stmt);

  return TRUE;
}

static gboolean
add_occasions (Ctx         *ctx,
               JsonObject  *agenda,
               GError     **error)
{
  static const char *queries[] = {
    /* birthdays */
    "SELECT id, name, birthday, ?2 FROM records "
    "WHERE birthday IS NOT NULL AND substr(birthday, -5) IN (SELECT value FROM json_each(?1))",
    /* anniversaries */
    "SELECT r.id, r.name, o.date, o.label FROM occasions o JOIN records r ON r.id = o.record_id "
    "WHERE substr(o.date, -5) IN (SELECT value FROM json_each(?1))",
    /* custom date fields marked "remind yearly" */
    "SELECT r.id, r.name, v.value, f.name FROM custom_fields f "
    "JOIN custom_values v ON v.field_id = f.id JOIN records r ON r.id = v.record_id "
    "WHERE f.type = 'date' AND f.remind_yearly AND substr(v.value, -5) IN (SELECT value FROM json_each(?1))",
  };
  int window = setting_int (ctx->store, "agenda-occasion-days", 14, 0, 366);
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) occasion_free);
  g_autoptr(GString) days = g_string_new ("[");
  JsonArray *occasions = json_array_new ();
  GDate d = ctx->today;

  json_object_set_array_member (agenda, "occasions", occasions);
  ctx->sections[KITH_AGENDA_SECTION_OCCASIONS] = occasions;

  /* The month-days of the window; 29 February stands in on 28 February of common years */
  for (int i = 0; i <= window; i++, g_date_add_days (&d, 1))
    {
      g_string_append_printf (days, "%s\"%02d-%02d\"", i ? "," : "", g_date_get_month (&d), g_date_get_day (&d));
      if (g_date_get_month (&d) == G_DATE_FEBRUARY && g_date_get_day (&d) == 28 &&
          !g_date_is_leap_year (g_date_get_year (&d)))
        g_string_append (days, ",\"02-29\"");
    }
  g_string_append_c (days, ']');

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      sqlite3_stmt *stmt = kith_store_prepare (ctx->store, queries[q], error);

      if (stmt == NULL)
        return FALSE;
      if (q == 0)
        sqlite3_bind_text (stmt, 2, _("Birthday"), -1, SQLITE_TRANSIENT);
      collect_occasions (ctx, stmt, days->str, window, found);
    }

  g_ptr_array_sort (found, compare_occasions);
  for (guint i = 0; i < found->len && i < SECTION_LIMIT; i++)
    {
      Occasion *o = g_ptr_array_index (found, i);
      JsonObject *obj = json_object_new ();
      char date[11];

      format_date (&o->next, date);
      json_object_set_int_member (obj, "recordId", o->record_id);
      json_object_set_string_member (obj, "name", o->name);
      json_object_set_string_member (obj, "label", o->label);
      json_object_set_string_member (obj, "date", date);
      json_object_set_int_member (obj, "inDays", o->in_days);
      if (o->years >= 0)
        json_object_set_int_member (obj, "years", o->years);
      json_array_add_object_element (occasions, obj);

      add_entry (ctx, KITH_AGENDA_SECTION_OCCASIONS, KITH_AGENDA_ENTRY_OCCASION, o->record_id,
                 "record-id", o->record_id, "title", o->name, "detail", o->label, "day", date,
                 "in-days", o->in_days, "years", o->years, NULL);
    }

  return TRUE;
}

/* People whose last communication (any kind, either direction) is older than their cadence:
 * their own, else their segment's; 0 mutes. Never contacted counts from when they were added. */
static gboolean
add_stay_in_touch (Ctx         *ctx,
                   JsonObject  *agenda,
                   GError     **error)
{
  JsonArray *people = json_array_new ();
  sqlite3_stmt *stmt;

  json_object_set_array_member (agenda, "stayInTouch", people);
  ctx->sections[KITH_AGENDA_SECTION_STAY_IN_TOUCH] = people;

  /* The inner query reads only the covering index records_stay_in_touch; names are looked up
   * for the 200 rows kept, not for every person */
  stmt = kith_store_prepare (ctx->store,
                             "SELECT r.id, r.name, r.segment, r.stage, o.cadence, r.last_contact, o.overdue "
                             "FROM (SELECT r.id AS id, coalesce(r.cadence_days, s.cadence_days, 0) AS cadence, "
                             "        (?1 - coalesce(r.last_contact, r.created)) / 86400000 "
                             "          - coalesce(r.cadence_days, s.cadence_days, 0) AS overdue "
                             "      FROM records r LEFT JOIN segments s ON s.key = r.segment "
                             "      WHERE r.kind = 0 AND coalesce(r.cadence_days, s.cadence_days, 0) > 0 AND r.stage IS NOT 'out' "
                             "        AND coalesce(r.last_contact, r.created) < ?1 - coalesce(r.cadence_days, s.cadence_days, 0) * 86400000 "
                             "      ORDER BY overdue DESC, r.id LIMIT ?2) o "
                             "JOIN records r ON r.id = o.id ORDER BY o.overdue DESC, r.id",
                             error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, ctx->day_end);
  sqlite3_bind_int (stmt, 2, SECTION_LIMIT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      JsonObject *person = json_object_new ();

      json_object_set_int_member (person, "recordId", sqlite3_column_int64 (stmt, 0));
      set_text (person, "name", stmt, 1);
      set_text (person, "segment", stmt, 2);
      set_text (person, "stage", stmt, 3);
      json_object_set_int_member (person, "cadence", sqlite3_column_int64 (stmt, 4));
      if (sqlite3_column_type (stmt, 5) != SQLITE_NULL)
        json_object_set_int_member (person, "lastContact", sqlite3_column_int64 (stmt, 5));
      json_object_set_int_member (person, "overdueDays", MAX (sqlite3_column_int64 (stmt, 6), 0));
      json_array_add_object_element (people, person);

      add_entry (ctx, KITH_AGENDA_SECTION_STAY_IN_TOUCH, KITH_AGENDA_ENTRY_STAY_IN_TOUCH, sqlite3_column_int64 (stmt, 0),
                 "record-id", (gint64) sqlite3_column_int64 (stmt, 0), "title", sqlite3_column_text (stmt, 1),
                 "cadence", sqlite3_column_int (stmt, 4), "time", (gint64) sqlite3_column_int64 (stmt, 5),
                 "overdue-days", (int) MAX (sqlite3_column_int64 (stmt, 6), 0), NULL);
    }
  sqlite3_reset (stmt);

  return TRUE;
}

/* Inbound mail from a contact that is the newest message of its thread, with nothing sent
 * back after it. */
static gboolean
add_needs_reply (Ctx         *ctx,
                 JsonObject  *agenda,
                 GError     **error)
{
  int window = setting_int (ctx->store, "agenda-reply-days", 14, 1, 365);
  JsonArray *mail = json_array_new ();
  sqlite3_stmt *stmt;

  json_object_set_array_member (agenda, "needsReply", mail);
  ctx->sections[KITH_AGENDA_SECTION_NEEDS_REPLY] = mail;

  stmt = kith_store_prepare (ctx->store,
                             "SELECT t.id, t.subject, t.date, t.preview, tp.record_id, r.name "
                             "FROM timeline t "
                             "JOIN timeline_people tp ON tp.item_id = t.id AND tp.role = 'from' "
                             "JOIN records r ON r.id = tp.record_id "
                             "WHERE t.kind = 'email' AND t.direction = 'inbound' AND t.date >= ?1 AND t.date < ?2 "
                             "  AND NOT EXISTS (SELECT 1 FROM timeline o WHERE o.thread_id = t.thread_id "
                             "                  AND o.date > t.date AND o.kind = 'email') "
                             "ORDER BY t.date DESC, t.id DESC LIMIT ?3",
                             error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, ctx->day_start - window * DAY_MS);
  sqlite3_bind_int64 (stmt, 2, ctx->day_end);
  sqlite3_bind_int (stmt, 3, SECTION_LIMIT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      JsonObject *item = json_object_new ();

      json_object_set_int_member (item, "itemId", sqlite3_column_int64 (stmt, 0));
      set_text (item, "subject", stmt, 1);
      json_object_set_int_member (item, "date", sqlite3_column_int64 (stmt, 2));
      set_text (item, "preview", stmt, 3);
      json_object_set_int_member (item, "recordId", sqlite3_column_int64 (stmt, 4));
      set_text (item, "name", stmt, 5);
      json_array_add_object_element (mail, item);

      add_entry (ctx, KITH_AGENDA_SECTION_NEEDS_REPLY, KITH_AGENDA_ENTRY_NEEDS_REPLY, sqlite3_column_int64 (stmt, 0),
                 "record-id", (gint64) sqlite3_column_int64 (stmt, 4), "title", sqlite3_column_text (stmt, 5),
                 "detail", sqlite3_column_text (stmt, 1), "time", (gint64) sqlite3_column_int64 (stmt, 2), NULL);
    }
  sqlite3_reset (stmt);

  return TRUE;
}

static gboolean
add_meetings (Ctx         *ctx,
              JsonObject  *agenda,
              GError     **error)
{
  JsonArray *meetings = json_array_new ();
  sqlite3_stmt *stmt;

  json_object_set_array_member (agenda, "meetings", meetings);
  ctx->sections[KITH_AGENDA_SECTION_MEETINGS] = meetings;

  stmt = kith_store_prepare (ctx->store,
                             "SELECT t.id, t.subject, t.date, t.duration, t.location, "
                             "  (SELECT json_group_array(json_object('id', r.id, 'name', r.name)) "
                             "   FROM timeline_people tp JOIN records r ON r.id = tp.record_id WHERE tp.item_id = t.id), "
                             PEOPLE_COLUMNS ("timeline_people", "item_id", "t.id")
                             "FROM timeline t WHERE t.kind = 'meeting' AND t.date >= ?1 AND t.date < ?2 "
                             "ORDER BY t.date, t.id LIMIT ?3",
                             error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, ctx->day_start);
  sqlite3_bind_int64 (stmt, 2, ctx->day_end);
  sqlite3_bind_int (stmt, 3, SECTION_LIMIT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      JsonObject *meeting = json_object_new ();
      g_auto(GStrv) people = split_names (stmt, 6);

      json_object_set_int_member (meeting, "itemId", sqlite3_column_int64 (stmt, 0));
      set_text (meeting, "subject", stmt, 1);
      json_object_set_int_member (meeting, "date", sqlite3_column_int64 (stmt, 2));
      if (sqlite3_column_type (stmt, 3) != SQLITE_NULL)
        json_object_set_int_member (meeting, "duration", sqlite3_column_int64 (stmt, 3));
      set_text (meeting, "location", stmt, 4);
      json_object_set_member (meeting, "people",
                              json_from_string ((const char *) sqlite3_column_text (stmt, 5), NULL));
      json_array_add_object_element (meetings, meeting);

      add_entry (ctx, KITH_AGENDA_SECTION_MEETINGS, KITH_AGENDA_ENTRY_MEETING, sqlite3_column_int64 (stmt, 0),
                 "title", sqlite3_column_text (stmt, 1), "time", (gint64) sqlite3_column_int64 (stmt, 2),
                 "detail", sqlite3_column_text (stmt, 4), "people", people,
                 "record-id", (gint64) sqlite3_column_int64 (stmt, 7), NULL);
    }
  sqlite3_reset (stmt);

  return TRUE;
}

static void
add_counts (Ctx        *ctx,
            JsonObject *agenda)
{
  static const struct { const char *member; KithAgendaSectionKind section; } sections[] = {
    { "reminders", KITH_AGENDA_SECTION_REMINDERS },
    { "occasions", KITH_AGENDA_SECTION_OCCASIONS },
    { "stayInTouch", KITH_AGENDA_SECTION_STAY_IN_TOUCH },
    { "needsReply", KITH_AGENDA_SECTION_NEEDS_REPLY },
    { "meetings", KITH_AGENDA_SECTION_MEETINGS },
  };
  JsonObject *counts = json_object_new ();

  json_object_set_int_member (counts, "todos",
                              json_array_get_length (ctx->sections[KITH_AGENDA_SECTION_OVERDUE]) +
                              json_array_get_length (ctx->sections[KITH_AGENDA_SECTION_TODAY]));
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    json_object_set_int_member (counts, sections[i].member, json_array_get_length (ctx->sections[sections[i].section]));
  json_object_set_object_member (agenda, "counts", counts);
}

/* The Agenda as JSON and, when @out_model is not NULL, as a typed model: both from the same rows */
static JsonObject *
compute (KithStore        *store,
         GTimeZone        *tz,
         const char       *date,
         KithAgendaModel **out_model,
         GError          **error)
{
  g_autoptr(JsonObject) agenda = json_object_new ();
  g_autoptr(KithAgendaModel) model = NULL;
  g_autoptr(GTimeZone) local = NULL;
  g_autoptr(GDateTime) now_dt = NULL;
  g_autoptr(GDateTime) now_local = NULL;
  GDate tomorrow;
  Ctx ctx = { 0 };
  gboolean ok;

  if (tz == NULL)
    tz = local = g_time_zone_new_local ();

  ctx.store = store;
  ctx.tz = tz;
  ctx.now = kith_store_now (store);

  if (date != NULL)
    {
      if (!kith_parse_date (date, FALSE, &ctx.today))
        {
          g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID,
                       _("“%s” is not a date (YYYY-MM-DD)"), g_utf8_validate (date, -1, NULL) ? date : "?");
          return NULL;
        }
    }
  else
    {
      now_dt = g_date_time_new_from_unix_utc (ctx.now / 1000);
      now_local = g_date_time_to_timezone (now_dt, tz);
      g_date_clear (&ctx.today, 1);
      g_date_set_dmy (&ctx.today, g_date_time_get_day_of_month (now_local),
                      g_date_time_get_month (now_local), g_date_time_get_year (now_local));
    }

  format_date (&ctx.today, ctx.today_text);
  tomorrow = ctx.today;
  g_date_add_days (&tomorrow, 1);
  ctx.day_start = local_midnight (tz, &ctx.today);
  ctx.day_end = local_midnight (tz, &tomorrow);

  json_object_set_string_member (agenda, "date", ctx.today_text);
  if (out_model != NULL)
    ctx.model = model = kith_agenda_model_new (ctx.today_text);

  kith_store_lock (store);
  ok = add_todos (&ctx, agenda, error) &&
       add_reminders (&ctx, agenda, error) &&
       add_occasions (&ctx, agenda, error) &&
       add_stay_in_touch (&ctx, agenda, error) &&
       add_needs_reply (&ctx, agenda, error) &&
       add_meetings (&ctx, agenda, error);
  kith_store_unlock (store);

  if (!ok)
    return NULL;

  add_counts (&ctx, agenda);
  if (out_model != NULL)
    *out_model = g_steal_pointer (&model);

  return g_steal_pointer (&agenda);
}

JsonObject *
kith_agenda_compute (KithStore   *store,
                     GTimeZone   *tz,
                     const char  *date,
                     GError     **error)
{
  g_return_val_if_fail (KITH_IS_STORE (store), NULL);

  return compute (store, tz, date, NULL, error);
}

/**
 * kith_agenda_compute_model:
 * @tz: (nullable): the user's time zone; %NULL for local
 * @date: (nullable): the day ("YYYY-MM-DD"); %NULL for today
 *
 * The Agenda of kith_agenda_compute() as a model of sections of typed entries, for a list to
 * show (kith_agenda_model_update() puts it on screen).
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
  g_autoptr(JsonObject) agenda = NULL;

  g_return_val_if_fail (KITH_IS_STORE (store), NULL);

  agenda = compute (store, tz, date, &model, error);

  return agenda != NULL ? g_steal_pointer (&model) : NULL;
}

static KithTodo *
todo_from_json (JsonObject *object)
{
  const char *when = kith_json_get_string (object, "when");
  JsonArray *people = kith_json_get_array (object, "participants");
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;
  KithTodo *todo;

  for (guint i = 0; people != NULL && i < json_array_get_length (people); i++)
    g_strv_builder_add (names, kith_json_get_string (json_array_get_object_element (people, i), "name"));
  strv = g_strv_builder_end (names);

  todo = g_object_new (KITH_TYPE_TODO,
                       "id", json_object_get_int_member (object, "id"),
                       "subject", kith_json_get_string (object, "subject"),
                       "due", g_strcmp0 (when, "someday") != 0 ? when : NULL,
                       "done", json_object_get_boolean_member_with_default (object, "done", FALSE),
                       "people", strv,
                       NULL);
  for (guint i = 0; people != NULL && i < json_array_get_length (people); i++)
    kith_todo_add_participant (todo, json_object_get_int_member (json_array_get_object_element (people, i), "id"));

  return todo;
}

/**
 * kith_agenda_list_todos:
 * @record_id: a record, or 0 for every to-do
 *
 * The to-dos of kith_store_list_todos() as typed objects.
 *
 * Returns: (transfer container) (element-type KithTodo) (nullable): the to-dos by due date
 *   (someday last), or %NULL with @error set
 */
GPtrArray *
kith_agenda_list_todos (KithStore  *store,
                        gint64      record_id,
                        gboolean    include_done,
                        GError    **error)
{
  g_autoptr(JsonArray) todos = kith_store_list_todos (store, record_id, include_done, error);
  GPtrArray *out;

  if (todos == NULL)
    return NULL;

  out = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < json_array_get_length (todos); i++)
    g_ptr_array_add (out, todo_from_json (json_array_get_object_element (todos, i)));

  return out;
}

static gboolean
already_notified (KithStore  *store,
                  const char *kind,
                  gint64      ref,
                  const char *due,
                  gint64      now,
                  gboolean   *out_snooze_over)
{
  sqlite3_stmt *stmt = kith_store_prepare (store, "SELECT snoozed_until FROM notified WHERE kind = ? AND ref = ? AND due = ?", NULL);
  gboolean found = FALSE;

  *out_snooze_over = FALSE;
  if (stmt == NULL)
    return TRUE;

  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, ref);
  sqlite3_bind_text (stmt, 3, due, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      found = TRUE;
      if (sqlite3_column_type (stmt, 0) != SQLITE_NULL && sqlite3_column_int64 (stmt, 0) <= now)
        *out_snooze_over = TRUE;
    }
  sqlite3_reset (stmt);

  return found && !*out_snooze_over;
}

static gboolean
mark_notified (KithStore   *store,
               const char  *kind,
               gint64       ref,
               const char  *due,
               gint64       now,
               GError     **error)
{
  sqlite3_stmt *stmt = kith_store_prepare (store,
                                           "INSERT INTO notified (kind, ref, due, at) VALUES (?, ?, ?, ?) "
                                           "ON CONFLICT (kind, ref, due) DO UPDATE SET at = excluded.at, snoozed_until = NULL",
                                           error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, ref);
  sqlite3_bind_text (stmt, 3, due, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, now);

  return kith_store_step_done (store, stmt, error);
}

/**
 * kith_agenda_take_notifications:
 * @tz: (nullable): the user's time zone; %NULL for local
 *
 * The to-dos and next-step reminders that are due and have not been notified yet (or whose
 * snooze is over), marked as notified. Call it at start and on a timer: what came due while the
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
  gint64 now;

  g_return_val_if_fail (KITH_IS_STORE (store), NULL);

  kith_store_lock (store);
  agenda = kith_agenda_compute_model (store, tz, NULL, error);
  if (agenda == NULL)
    goto fail;

  now = kith_store_now (store);
  if (!kith_store_begin (store, error))
    goto fail;

  for (guint s = 0; s < G_N_ELEMENTS (due_now); s++)
    {
      GListModel *section = G_LIST_MODEL (kith_agenda_model_get_section (agenda, due_now[s]));

      for (guint i = 0; i < g_list_model_get_n_items (section); i++)
        {
          g_autoptr(KithAgendaEntry) entry = g_list_model_get_item (section, i);
          const char *kind = kith_agenda_entry_get_kind (entry) == KITH_AGENDA_ENTRY_TODO ? "todo" : "reminder";
          gint64 ref = kith_agenda_entry_get_id (entry);
          const char *due = kith_agenda_entry_get_day (entry);
          gboolean snooze_over;

          if (already_notified (store, kind, ref, due, now, &snooze_over))
            continue;
          g_ptr_array_add (out, g_object_ref (entry));
          if (!mark_notified (store, kind, ref, due, now, error))
            goto rollback;
        }
    }

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
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  g_return_val_if_fail (KITH_IS_STORE (store), FALSE);

  kith_store_lock (store);
  stmt = kith_store_prepare (store,
                             "INSERT INTO notified (kind, ref, due, at, snoozed_until) VALUES (?1, ?2, ?3, ?4, ?5) "
                             "ON CONFLICT (kind, ref, due) DO UPDATE SET snoozed_until = excluded.snoozed_until",
                             error);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, ref);
      sqlite3_bind_text (stmt, 3, due, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 4, kith_store_now (store));
      sqlite3_bind_int64 (stmt, 5, until_ms);
      ok = kith_store_step_done (store, stmt, error);
    }
  kith_store_unlock (store);

  return ok;
}
