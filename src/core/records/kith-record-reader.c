/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithRecords"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kith-record-reader.h"
#include "kith-record-input.h"
#include "kith-records-private.h"

/* A record as docs/json.md shows it, read back whole */

#define P  (1u << KITH_RECORD_PERSON)
#define C  (1u << KITH_RECORD_COMPANY)
#define PR (1u << KITH_RECORD_PROJECT)
#define ALL (P | C | PR)

#define RECORD_SQL \
  "SELECT r.kind, r.sync_key, r.name, r.first, r.last, r.headline, r.description, " \
  "  r.picture, r.private, r.segment, r.stage, r.step, r.notes, r.role, " \
  "  r.department, r.lead_source, r.birthday, c.name, r.assignee, r.start_date, " \
  "  r.end_date, r.value, r.currency, r.project_type, r.forecast, r.cadence_days, " \
  "  r.created, r.changed, r.last_contact, r.company_id, c.sync_key, r.step_since " \
  "FROM records r LEFT JOIN records c ON c.id = r.company_id WHERE r.id = ?"

typedef enum {
  COLUMN_TEXT,
  COLUMN_INT,
  COLUMN_DOUBLE,
  COLUMN_FLAG,      /* a member only when true */
  COLUMN_COMPANY,   /* the company's name, id and sync key */
} ColumnType;

/* The members of RECORD_SQL's columns, in the order the JSON shows them; NULL columns are left
 * out */
static const struct {
  const char *member;
  int         column;
  ColumnType  type;
  guint       kinds;
} record_columns[] = {
  { "syncKey", 1, COLUMN_TEXT, ALL },
  { "name", 2, COLUMN_TEXT, ALL },
  { "first", 3, COLUMN_TEXT, P },
  { "last", 4, COLUMN_TEXT, P },
  { "headline", 5, COLUMN_TEXT, P },
  { "description", 6, COLUMN_TEXT, P | C },
  { "summary", 6, COLUMN_TEXT, PR },
  { "picture", 7, COLUMN_TEXT, ALL },
  { "private", 8, COLUMN_FLAG, ALL },
  { "segment", 9, COLUMN_TEXT, ALL },
  { "stage", 10, COLUMN_TEXT, ALL },
  { "step", 11, COLUMN_TEXT, ALL },
  { "notes", 12, COLUMN_TEXT, ALL },
  { "role", 13, COLUMN_TEXT, ALL },
  { "department", 14, COLUMN_TEXT, ALL },
  { "leadSource", 15, COLUMN_TEXT, ALL },
  { "birthday", 16, COLUMN_TEXT, ALL },
  { "company", 17, COLUMN_COMPANY, ALL },
  { "assignee", 18, COLUMN_TEXT, ALL },
  { "start", 19, COLUMN_TEXT, ALL },
  { "end", 20, COLUMN_TEXT, ALL },
  { "value", 21, COLUMN_DOUBLE, ALL },
  { "currency", 22, COLUMN_TEXT, ALL },
  { "type", 23, COLUMN_TEXT, ALL },
  { "forecast", 24, COLUMN_TEXT, ALL },
  { "cadence", 25, COLUMN_INT, ALL },
  { "firstSeen", 26, COLUMN_INT, ALL },
  { "lastChanged", 27, COLUMN_INT, ALL },
  { "lastContact", 28, COLUMN_INT, ALL },
  { "stepSince", 31, COLUMN_INT, ALL },
};

#define COMPANY_ID_COLUMN 29
#define COMPANY_KEY_COLUMN 30

static void
set_column_member (JsonObject    *obj,
                   const char    *member,
                   KithStatement *st,
                   int            column,
                   ColumnType     type)
{
  if (kith_statement_column_is_null (st, column))
    return;

  switch (type)
    {
    case COLUMN_TEXT:
      kith_statement_set_text_member (st, column, obj, member);
      break;
    case COLUMN_INT:
      json_object_set_int_member (obj, member, kith_statement_column_int64 (st, column));
      break;
    case COLUMN_DOUBLE:
      json_object_set_double_member (obj, member, kith_statement_column_double (st, column));
      break;
    case COLUMN_FLAG:
      if (kith_statement_column_int64 (st, column) != 0)
        json_object_set_boolean_member (obj, member, TRUE);
      break;
    case COLUMN_COMPANY:
      g_assert_not_reached ();
    }
}

/* The record's own columns; %NULL with @error set when it is not there */
static JsonObject *
read_columns (KithStore  *self,
              gint64      id,
              GError    **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  g_autoptr(JsonObject) obj = NULL;
  KithRecordKind kind;

  if (!kith_statement_prepare (&st, self, RECORD_SQL, error))
    return NULL;
  kith_statement_bind_int64 (&st, 1, id);
  if (!kith_statement_step (&st, NULL))
    {
      g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_NOT_FOUND,
                   _("There is no record #%" G_GINT64_FORMAT), id);
      return NULL;
    }

  obj = json_object_new ();
  kind = (KithRecordKind) kith_statement_column_int64 (&st, 0);
  json_object_set_int_member (obj, "id", id);
  json_object_set_string_member (obj, "kind", kith_record_kind_to_string (kind));
  for (guint i = 0; i < G_N_ELEMENTS (record_columns); i++)
    {
      if ((record_columns[i].kinds & (1u << kind)) == 0)
        continue;
      if (record_columns[i].type != COLUMN_COMPANY)
        set_column_member (obj, record_columns[i].member, &st, record_columns[i].column,
                           record_columns[i].type);
      else if (!kith_statement_column_is_null (&st, COMPANY_ID_COLUMN))
        {
          kith_statement_set_text_member (&st, record_columns[i].column, obj, "company");
          json_object_set_int_member (obj, "companyId",
                                      kith_statement_column_int64 (&st, COMPANY_ID_COLUMN));
          kith_statement_set_text_member (&st, COMPANY_KEY_COLUMN, obj, "companySyncKey");
        }
    }

  return g_steal_pointer (&obj);
}

typedef void (*ReadRowFunc) (KithStatement *st,
                             JsonArray     *array);

/* Every row @st finds for record @id (its first parameter), added to a new array by @read_row */
static JsonArray *
read_rows (KithStatement *st,
           gint64         id,
           ReadRowFunc    read_row)
{
  JsonArray *array = json_array_new ();

  kith_statement_bind_int64 (st, 1, id);
  while (kith_statement_step (st, NULL))
    read_row (st, array);

  return array;
}

static JsonArray *
read_list (KithStore   *self,
           const char  *sql,
           gint64       id,
           ReadRowFunc  read_row)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, self, sql, NULL))
    return json_array_new ();

  return read_rows (&st, id, read_row);
}

static void
read_text (KithStatement *st,
                    JsonArray     *array)
{
  json_array_add_string_element (array, kith_statement_column_text (st, 0));
}

static void
read_channel (KithStatement *st,
              JsonArray     *array)
{
  JsonObject *obj = json_object_new ();
  const char *label = kith_statement_column_text (st, 1);

  json_object_set_string_member (obj, "value", kith_statement_column_text (st, 0));
  if (label != NULL)
    json_object_set_boolean_member (obj, label, TRUE);
  if (kith_statement_column_int64 (st, 2) != 0)
    json_object_set_boolean_member (obj, "preferred", TRUE);
  json_array_add_object_element (array, obj);
}

/* @as_strings: values only (domains, handles), not objects with their labels */
static JsonArray *
read_channels (KithStore   *self,
               gint64       id,
               const char  *type,
               gboolean     as_strings)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_records_prepare_typed (&st, self, "SELECT value, label, preferred FROM channels "
                                               "WHERE record_id = ? AND type = '%s' "
                                               "ORDER BY position, id", type, NULL))
    return json_array_new ();

  return read_rows (&st, id, as_strings ? read_text : read_channel);
}

static void
add_channels (KithStore      *self,
              JsonObject     *obj,
              gint64          id,
              KithRecordKind  kind)
{
  if (kind != KITH_RECORD_PROJECT)
    {
      json_object_set_array_member (obj, "emails", read_channels (self, id, "email", FALSE));
      if (kind == KITH_RECORD_COMPANY)
        json_object_set_array_member (obj, "domains", read_channels (self, id, "domain", TRUE));
    }
  json_object_set_array_member (obj, "phones", read_channels (self, id, "phone", FALSE));
  json_object_set_array_member (obj, "faxes", read_channels (self, id, "fax", FALSE));
  json_object_set_array_member (obj, "urls", read_channels (self, id, "url", FALSE));

  /* One handle each */
  for (guint i = kith_channel_type_index ("twitter"); i < KITH_N_CHANNEL_TYPES; i++)
    {
      g_autoptr(JsonArray) handles = read_channels (self, id, kith_channel_types[i], TRUE);

      if (json_array_get_length (handles) > 0)
        json_object_set_string_member (obj, kith_channel_types[i],
                                       json_array_get_string_element (handles, 0));
    }
}

static void
read_address (KithStatement *st,
              JsonArray     *array)
{
  JsonObject *obj = json_object_new ();
  const char *label = kith_statement_column_text (st, 5);

  kith_statement_set_text_member (st, 0, obj, "street");
  kith_statement_set_text_member (st, 1, obj, "city");
  kith_statement_set_text_member (st, 2, obj, "state");
  kith_statement_set_text_member (st, 3, obj, "country");
  kith_statement_set_text_member (st, 4, obj, "postal");
  if (label != NULL)
    json_object_set_boolean_member (obj, label, TRUE);
  if (!kith_statement_column_is_null (st, 6))
    {
      json_object_set_double_member (obj, "lat", kith_statement_column_double (st, 6));
      json_object_set_double_member (obj, "lng", kith_statement_column_double (st, 7));
    }
  json_array_add_object_element (array, obj);
}

/* People and companies have addresses; a deal has one */
static void
add_addresses (KithStore      *self,
               JsonObject     *obj,
               gint64          id,
               KithRecordKind  kind)
{
  g_autoptr(JsonArray) array = read_list (self, "SELECT street, city, region, country, postal_code, "
                                                "label, latitude, longitude FROM addresses "
                                                "WHERE record_id = ? ORDER BY position, id",
                                          id, read_address);

  if (kind != KITH_RECORD_PROJECT)
    json_object_set_array_member (obj, "addresses", g_steal_pointer (&array));
  else if (json_array_get_length (array) > 0)
    json_object_set_object_member (obj, "address",
                                   json_object_ref (json_array_get_object_element (array, 0)));
}

static void
read_app_link (KithStatement *st,
               JsonArray     *array)
{
  JsonObject *link = json_object_new ();

  kith_statement_set_text_member (st, 0, link, "source");
  kith_statement_set_text_member (st, 1, link, "uniqueid");
  kith_statement_set_text_member (st, 2, link, "label");
  kith_statement_set_text_member (st, 3, link, "url");
  json_array_add_object_element (array, link);
}

/* Values of a multipick field come as one row each, and show as one list */
static void
read_custom_value (KithStatement *st,
                   JsonArray     *array)
{
  guint n = json_array_get_length (array);
  JsonObject *last = n > 0 ? json_array_get_object_element (array, n - 1) : NULL;
  const char *key = kith_statement_column_text (st, 0);
  const char *type = kith_statement_column_text (st, 1);
  const char *value = kith_statement_column_text (st, 2);
  gboolean multipick = strcmp (type, "multipick") == 0;

  if (multipick && last != NULL && g_strcmp0 (json_object_get_string_member (last, "id"), key) == 0)
    {
      json_array_add_string_element (json_object_get_array_member (last, "value"), value);
      return;
    }

  last = json_object_new ();
  json_object_set_string_member (last, "id", key);
  json_object_set_string_member (last, "type", type);
  kith_statement_set_text_member (st, 3, last, "name");
  if (multipick)
    {
      JsonArray *values = json_array_new ();

      json_array_add_string_element (values, value);
      json_object_set_array_member (last, "value", values);
    }
  else
    json_object_set_string_member (last, "value", value);
  json_array_add_object_element (array, last);
}

static void
read_occasion (KithStatement *st,
               JsonArray     *array)
{
  JsonObject *o = json_object_new ();

  kith_statement_set_text_member (st, 0, o, "label");
  kith_statement_set_text_member (st, 1, o, "date");
  json_array_add_object_element (array, o);
}

static void
read_member (KithStatement *st,
             JsonArray     *array)
{
  JsonObject *obj = json_object_new ();
  KithRecordKind kind = (KithRecordKind) kith_statement_column_int64 (st, 2);

  json_object_set_int_member (obj, "id", kith_statement_column_int64 (st, 3));
  kith_statement_set_text_member (st, 0, obj, "syncKey");
  kith_statement_set_text_member (st, 1, obj, "name");
  json_object_set_string_member (obj, "kind", kith_record_kind_to_string (kind));
  json_array_add_object_element (array, obj);
}

/* A deal's participants or team (@role) */
static JsonArray *
read_members (KithStore  *self,
              gint64      id,
              const char *role)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, self, "SELECT r.sync_key, r.name, r.kind, r.id "
                                          "FROM project_members m JOIN records r ON r.id = m.record_id "
                                          "WHERE m.project_id = ? AND m.role = ? ORDER BY r.sort_name",
                               NULL))
    return json_array_new ();
  kith_statement_bind_text (&st, 2, role);

  return read_rows (&st, id, read_member);
}

static void
add_lists (KithStore      *self,
           JsonObject     *obj,
           gint64          id,
           KithRecordKind  kind)
{
  add_channels (self, obj, id, kind);
  add_addresses (self, obj, id, kind);
  json_object_set_array_member (obj, "appLinks",
                                read_list (self, "SELECT app_id, unique_id, app_name, url FROM app_links "
                                                 "WHERE record_id = ? ORDER BY id", id, read_app_link));
  json_object_set_array_member (obj, "keywords",
                                read_list (self, "SELECT t.name FROM record_tags rt "
                                                 "JOIN tags t ON t.id = rt.tag_id WHERE rt.record_id = ? "
                                                 "ORDER BY t.name COLLATE NOCASE", id, read_text));
  json_object_set_array_member (obj, "customFields",
                                read_list (self, "SELECT f.key, f.type, v.value, f.name FROM custom_values v "
                                                 "JOIN custom_fields f ON f.id = v.field_id "
                                                 "WHERE v.record_id = ? ORDER BY f.position, f.id, v.rowid",
                                           id, read_custom_value));
  if (kind == KITH_RECORD_PERSON)
    json_object_set_array_member (obj, "anniversaries",
                                  read_list (self, "SELECT label, date FROM occasions "
                                                   "WHERE record_id = ? ORDER BY id", id, read_occasion));
  if (kind == KITH_RECORD_PROJECT)
    {
      json_object_set_array_member (obj, "participants", read_members (self, id, "participant"));
      json_object_set_array_member (obj, "dealTeam", read_members (self, id, "team"));
    }
}

/**
 * kith_store_get_record:
 *
 * Returns: (transfer full) (nullable): the whole record in the shape of docs/json.md, or %NULL
 *   with %KITH_STORE_ERROR_NOT_FOUND
 */
JsonObject *
kith_store_get_record (KithStore  *self,
                       gint64      id,
                       GError    **error)
{
  JsonObject *obj = NULL;

  g_return_val_if_fail (KITH_IS_STORE (self), NULL);

  kith_store_lock (self);
  if (kith_store_flush_pending (self, error) &&
      (obj = read_columns (self, id, error)) != NULL)
    add_lists (self, obj, id, kith_record_kind_from_string (json_object_get_string_member (obj, "kind")));
  kith_store_unlock (self);

  return obj;
}
