/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithRecords"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "kith-record-reader.h"
#include "kith-records-private.h"

/* A record as docs/json.md shows it, read back whole */

static void
set_text_member (JsonObject   *obj,
                 const char   *member,
                 sqlite3_stmt *stmt,
                 int           col)
{
  const char *text = (const char *) sqlite3_column_text (stmt, col);

  if (text != NULL)
    json_object_set_string_member (obj, member, text);
}

static JsonArray *
read_channels (KithStore   *self,
               gint64       id,
               const char  *type,
               gboolean     as_strings)
{
  JsonArray *array = json_array_new ();
  sqlite3_stmt *stmt = kith_records_prepare_typed (self, "SELECT value, label, preferred FROM channels "
                                            "WHERE record_id = ? AND type = '%s' ORDER BY position, id", type, NULL);

  if (stmt == NULL)
    return array;
  sqlite3_bind_int64 (stmt, 1, id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *value = (const char *) sqlite3_column_text (stmt, 0);
      const char *label = (const char *) sqlite3_column_text (stmt, 1);
      JsonObject *obj;

      if (as_strings)
        {
          json_array_add_string_element (array, value);
          continue;
        }
      obj = json_object_new ();
      json_object_set_string_member (obj, "value", value);
      if (label != NULL)
        json_object_set_boolean_member (obj, label, TRUE);
      if (sqlite3_column_int (stmt, 2))
        json_object_set_boolean_member (obj, "preferred", TRUE);
      json_array_add_object_element (array, obj);
    }
  sqlite3_reset (stmt);

  return array;
}

static JsonObject *
read_address (sqlite3_stmt *stmt)
{
  JsonObject *obj = json_object_new ();
  const char *label = (const char *) sqlite3_column_text (stmt, 5);

  set_text_member (obj, "street", stmt, 0);
  set_text_member (obj, "city", stmt, 1);
  set_text_member (obj, "state", stmt, 2);
  set_text_member (obj, "country", stmt, 3);
  set_text_member (obj, "postal", stmt, 4);
  if (label != NULL)
    json_object_set_boolean_member (obj, label, TRUE);
  if (sqlite3_column_type (stmt, 6) != SQLITE_NULL)
    {
      json_object_set_double_member (obj, "lat", sqlite3_column_double (stmt, 6));
      json_object_set_double_member (obj, "lng", sqlite3_column_double (stmt, 7));
    }

  return obj;
}

static JsonArray *
read_members (KithStore  *self,
              gint64      id,
              const char *role)
{
  JsonArray *array = json_array_new ();
  sqlite3_stmt *stmt = kith_store_prepare (self,
                                           "SELECT r.sync_key, r.name, r.kind, r.id FROM project_members m "
                                           "JOIN records r ON r.id = m.record_id "
                                           "WHERE m.project_id = ? AND m.role = ? ORDER BY r.sort_name", NULL);

  if (stmt == NULL)
    return array;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, role, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      JsonObject *obj = json_object_new ();

      json_object_set_int_member (obj, "id", sqlite3_column_int64 (stmt, 3));
      set_text_member (obj, "syncKey", stmt, 0);
      set_text_member (obj, "name", stmt, 1);
      json_object_set_string_member (obj, "kind", kith_record_kind_to_string (sqlite3_column_int (stmt, 2)));
      json_array_add_object_element (array, obj);
    }
  sqlite3_reset (stmt);

  return array;
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
  g_autoptr(JsonObject) obj = NULL;
  sqlite3_stmt *stmt;
  KithRecordKind kind;
  JsonArray *array;

  g_return_val_if_fail (KITH_IS_STORE (self), NULL);

  kith_store_lock (self);

  if (!kith_store_flush_pending (self, error))
    goto out;

  stmt = kith_store_prepare (self,
                             "SELECT r.kind, r.sync_key, r.name, r.first, r.last, r.headline, r.description, "
                             "  r.picture, r.private, r.segment, r.stage, r.step, r.notes, r.role, "
                             "  r.department, r.lead_source, r.birthday, c.name, r.assignee, r.start_date, "
                             "  r.end_date, r.value, r.currency, r.project_type, r.forecast, r.cadence_days, "
                             "  r.created, r.changed, r.last_contact, r.company_id, c.sync_key, r.step_since "
                             "FROM records r LEFT JOIN records c ON c.id = r.company_id WHERE r.id = ?",
                             error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_NOT_FOUND,
                   _("There is no record #%" G_GINT64_FORMAT), id);
      goto out;
    }

  obj = json_object_new ();
  kind = (KithRecordKind) sqlite3_column_int (stmt, 0);
  json_object_set_int_member (obj, "id", id);
  json_object_set_string_member (obj, "kind", kith_record_kind_to_string (kind));
  set_text_member (obj, "syncKey", stmt, 1);
  set_text_member (obj, "name", stmt, 2);
  if (kind == KITH_RECORD_PERSON)
    {
      set_text_member (obj, "first", stmt, 3);
      set_text_member (obj, "last", stmt, 4);
      set_text_member (obj, "headline", stmt, 5);
    }
  set_text_member (obj, kind == KITH_RECORD_PROJECT ? "summary" : "description", stmt, 6);
  set_text_member (obj, "picture", stmt, 7);
  if (sqlite3_column_int (stmt, 8))
    json_object_set_boolean_member (obj, "private", TRUE);
  set_text_member (obj, "segment", stmt, 9);
  set_text_member (obj, "stage", stmt, 10);
  set_text_member (obj, "step", stmt, 11);
  set_text_member (obj, "notes", stmt, 12);
  set_text_member (obj, "role", stmt, 13);
  set_text_member (obj, "department", stmt, 14);
  set_text_member (obj, "leadSource", stmt, 15);
  set_text_member (obj, "birthday", stmt, 16);
  if (sqlite3_column_type (stmt, 29) != SQLITE_NULL)
    {
      set_text_member (obj, "company", stmt, 17);
      json_object_set_int_member (obj, "companyId", sqlite3_column_int64 (stmt, 29));
      set_text_member (obj, "companySyncKey", stmt, 30);
    }
  set_text_member (obj, "assignee", stmt, 18);
  set_text_member (obj, "start", stmt, 19);
  set_text_member (obj, "end", stmt, 20);
  if (sqlite3_column_type (stmt, 21) != SQLITE_NULL)
    json_object_set_double_member (obj, "value", sqlite3_column_double (stmt, 21));
  set_text_member (obj, "currency", stmt, 22);
  set_text_member (obj, "type", stmt, 23);
  set_text_member (obj, "forecast", stmt, 24);
  if (sqlite3_column_type (stmt, 25) != SQLITE_NULL)
    json_object_set_int_member (obj, "cadence", sqlite3_column_int64 (stmt, 25));
  json_object_set_int_member (obj, "firstSeen", sqlite3_column_int64 (stmt, 26));
  json_object_set_int_member (obj, "lastChanged", sqlite3_column_int64 (stmt, 27));
  if (sqlite3_column_type (stmt, 28) != SQLITE_NULL)
    json_object_set_int_member (obj, "lastContact", sqlite3_column_int64 (stmt, 28));
  if (sqlite3_column_type (stmt, 31) != SQLITE_NULL)
    json_object_set_int_member (obj, "stepSince", sqlite3_column_int64 (stmt, 31));
  sqlite3_reset (stmt);

  if (kind != KITH_RECORD_PROJECT)
    {
      json_object_set_array_member (obj, "emails", read_channels (self, id, "email", FALSE));
      if (kind == KITH_RECORD_COMPANY)
        json_object_set_array_member (obj, "domains", read_channels (self, id, "domain", TRUE));
    }
  json_object_set_array_member (obj, "phones", read_channels (self, id, "phone", FALSE));
  json_object_set_array_member (obj, "faxes", read_channels (self, id, "fax", FALSE));
  json_object_set_array_member (obj, "urls", read_channels (self, id, "url", FALSE));
  for (guint i = kith_channel_type_index ("twitter"); i < KITH_N_CHANNEL_TYPES; i++)
    {
      g_autoptr(JsonArray) handles = read_channels (self, id, kith_channel_types[i], TRUE);

      if (json_array_get_length (handles) > 0)
        json_object_set_string_member (obj, kith_channel_types[i], json_array_get_string_element (handles, 0));
    }

  stmt = kith_store_prepare (self, "SELECT street, city, region, country, postal_code, label, latitude, "
                                   "longitude FROM addresses WHERE record_id = ? ORDER BY position, id", NULL);
  array = json_array_new ();
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        json_array_add_object_element (array, read_address (stmt));
      sqlite3_reset (stmt);
    }
  if (kind == KITH_RECORD_PROJECT)
    {
      if (json_array_get_length (array) > 0)
        json_object_set_object_member (obj, "address",
                                       json_object_ref (json_array_get_object_element (array, 0)));
      json_array_unref (array);
    }
  else
    json_object_set_array_member (obj, "addresses", array);

  stmt = kith_store_prepare (self, "SELECT app_id, unique_id, app_name, url FROM app_links "
                                   "WHERE record_id = ? ORDER BY id", NULL);
  array = json_array_new ();
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          JsonObject *link = json_object_new ();

          set_text_member (link, "source", stmt, 0);
          set_text_member (link, "uniqueid", stmt, 1);
          set_text_member (link, "label", stmt, 2);
          set_text_member (link, "url", stmt, 3);
          json_array_add_object_element (array, link);
        }
      sqlite3_reset (stmt);
    }
  json_object_set_array_member (obj, "appLinks", array);

  stmt = kith_store_prepare (self, "SELECT t.name FROM record_tags rt JOIN tags t ON t.id = rt.tag_id "
                                   "WHERE rt.record_id = ? ORDER BY t.name COLLATE NOCASE", NULL);
  array = json_array_new ();
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        json_array_add_string_element (array, (const char *) sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);
    }
  json_object_set_array_member (obj, "keywords", array);

  stmt = kith_store_prepare (self, "SELECT f.key, f.type, v.value, f.name FROM custom_values v "
                                   "JOIN custom_fields f ON f.id = v.field_id WHERE v.record_id = ? "
                                   "ORDER BY f.position, f.id, v.rowid", NULL);
  array = json_array_new ();
  if (stmt != NULL)
    {
      JsonObject *last = NULL;

      sqlite3_bind_int64 (stmt, 1, id);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *key = (const char *) sqlite3_column_text (stmt, 0);
          const char *type = (const char *) sqlite3_column_text (stmt, 1);
          const char *value = (const char *) sqlite3_column_text (stmt, 2);

          if (strcmp (type, "multipick") == 0 && last != NULL &&
              g_strcmp0 (json_object_get_string_member (last, "id"), key) == 0)
            {
              json_array_add_string_element (json_object_get_array_member (last, "value"), value);
              continue;
            }

          last = json_object_new ();
          json_object_set_string_member (last, "id", key);
          json_object_set_string_member (last, "type", type);
          set_text_member (last, "name", stmt, 3);
          if (strcmp (type, "multipick") == 0)
            {
              JsonArray *values = json_array_new ();
              json_array_add_string_element (values, value);
              json_object_set_array_member (last, "value", values);
            }
          else
            json_object_set_string_member (last, "value", value);
          json_array_add_object_element (array, last);
        }
      sqlite3_reset (stmt);
    }
  json_object_set_array_member (obj, "customFields", array);

  if (kind == KITH_RECORD_PERSON)
    {
      stmt = kith_store_prepare (self, "SELECT label, date FROM occasions WHERE record_id = ? ORDER BY id", NULL);
      array = json_array_new ();
      if (stmt != NULL)
        {
          sqlite3_bind_int64 (stmt, 1, id);
          while (sqlite3_step (stmt) == SQLITE_ROW)
            {
              JsonObject *o = json_object_new ();

              set_text_member (o, "label", stmt, 0);
              set_text_member (o, "date", stmt, 1);
              json_array_add_object_element (array, o);
            }
          sqlite3_reset (stmt);
        }
      json_object_set_array_member (obj, "anniversaries", array);
    }

  if (kind == KITH_RECORD_PROJECT)
    {
      json_object_set_array_member (obj, "participants", read_members (self, id, "participant"));
      json_object_set_array_member (obj, "dealTeam", read_members (self, id, "team"));
    }

out:
  kith_store_unlock (self);
  return g_steal_pointer (&obj);
}
