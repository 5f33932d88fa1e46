/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithTimeline"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kith-store-private.h"
#include "kith-synckey.h"

/* Timeline items, to-dos, the audit log and attached files. */

static const char *item_kinds[] = { "email", "call", "text", "meeting", "direct", "postal",
                                    "note", "event", "todo" };

static gboolean
get_text (JsonObject  *obj,
          const char  *member,
          const char  *label,
          gsize        max_len,
          const char **out,
          GError     **error)
{
  JsonNode *node = json_object_get_member (obj, member);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return kith_invalid (error, _("The %s must be text"), label);

  *out = json_node_get_string (node);
  if (!kith_validate_text (label, *out, max_len, error))
    return FALSE;
  if (**out == '\0')
    *out = NULL;

  return TRUE;
}

/* Points *@text at a copy without control characters, owned by *@owned; at NULL when nothing
 * is left of it. */
static void
strip_controls (const char **text,
                char       **owned,
                gboolean     multi_line)
{
  if (*text == NULL)
    return;

  *owned = kith_text_strip_controls (*text, multi_line);
  *text = **owned != '\0' ? *owned : NULL;
}

static gboolean
get_time (JsonObject  *obj,
          const char  *member,
          gint64       fallback,
          gint64      *out,
          GError     **error)
{
  JsonNode *node = json_object_get_member (obj, member);

  *out = fallback;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    {
      *out = json_node_get_int (node);
      if (*out < 0)
        return kith_invalid (error, _("The date %" G_GINT64_FORMAT " is before 1970"), *out);
      if (*out > KITH_MAX_TIME)
        return kith_invalid (error, _("The date %" G_GINT64_FORMAT " is after the year 9999"), *out);
      return TRUE;
    }
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (node);

      *out = kith_parse_time (text);
      if (*out < 0)
        return kith_invalid (error, _("“%s” is not a date and time (use ISO 8601, such as 2026-11-23T09:30:00Z)"),
                        g_utf8_validate (text, -1, NULL) ? text : "?");
      return TRUE;
    }

  return kith_invalid (error, _("The %s must be a date"), member);
}

typedef struct {
  const char *role;
  char       *value;
  char       *key;
  char       *name;
  gint64      record_id;
} Party;

static void
party_free (Party *p)
{
  g_free (p->value);
  g_free (p->key);
  g_free (p->name);
  g_free (p);
}

/* Resolves an address (email, phone, handle) to a sync key and the record that owns it; an
 * address in @unlinked is named only, never linked to a record, now or later. */
static Party *
make_party (KithStore   *self,
            const char  *role,
            const char  *value,
            const char  *name,
            GHashTable  *unlinked,
            GError     **error)
{
  Party *p = g_new0 (Party, 1);
  const char *type = NULL;

  p->role = role;
  p->value = g_strdup (value);
  p->name = name != NULL ? kith_text_strip_controls (name, FALSE) : NULL;

  if (unlinked != NULL && g_hash_table_contains (unlinked, value))
    return p;

  if (value[0] == '#')
    {
      p->record_id = kith_store_lookup (self, value, NULL);
      if (p->record_id == 0)
        {
          kith_invalid (error, _("No record matches “%s”"), value);
          party_free (p);
          return NULL;
        }
      return p;
    }

  p->key = kith_records_key_for_identifier (self, value, &type);
  if (p->key != NULL && type != NULL)
    {
      p->record_id = kith_records_find_by_key_and_name (self, type, p->key, name);
      if (p->record_id == 0 && strcmp (type, "synckey") != 0)
        p->record_id = kith_records_find_by_key (self, "synckey", value);
    }

  /* Only addresses that can identify someone later are kept as keys */
  if (type != NULL && (strcmp (type, "synckey") == 0 || strcmp (type, "domain") == 0))
    g_clear_pointer (&p->key, g_free);

  return p;
}

static gboolean
add_parties_from (KithStore   *self,
                  JsonObject  *data,
                  const char  *member,
                  const char  *default_role,
                  GHashTable  *unlinked,
                  GPtrArray   *parties,
                  GError     **error)
{
  JsonNode *node = json_object_get_member (data, member);
  JsonArray *array;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return kith_invalid (error, _("The %s must be a list"), member);

  array = json_node_get_array (node);
  if (json_array_get_length (array) > 1000)
    return kith_invalid (error, _("The %s list is too long (at most 1000 entries)"), member);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *e = json_array_get_element (array, i);
      const char *value = NULL;
      const char *name = NULL;
      const char *role = default_role;
      Party *p;

      if (JSON_NODE_HOLDS_OBJECT (e))
        {
          JsonObject *o = json_node_get_object (e);
          const char *r = NULL;

          if (!get_text (o, "value", member, 1024, &value, error) ||
              !get_text (o, "name", _("name"), 1024, &name, error) ||
              !get_text (o, "role", _("role"), 16, &r, error))
            return FALSE;
          if (r != NULL)
            {
              if (g_strcmp0 (r, "to") == 0 || g_strcmp0 (r, "cc") == 0 || g_strcmp0 (r, "bcc") == 0)
                role = g_intern_string (r);
              else
                return kith_invalid (error, _("A recipient’s role is to, cc or bcc, not “%s”"), r);
            }
        }
      else if (JSON_NODE_HOLDS_VALUE (e) && json_node_get_value_type (e) == G_TYPE_STRING)
        {
          value = json_node_get_string (e);
          if (!kith_validate_text (member, value, 1024, error))
            return FALSE;
        }

      if (value == NULL)
        return kith_invalid (error, _("Each entry of %s needs a value"), member);

      p = make_party (self, role, value, name, unlinked, error);
      if (p == NULL)
        return FALSE;
      g_ptr_array_add (parties, p);
    }

  return TRUE;
}

static gboolean
check_members (JsonObject  *data,
               const char **known,
               const char  *what,
               GError     **error)
{
  JsonObjectIter iter;
  const char *member;
  JsonNode *node;

  json_object_iter_init (&iter, data);
  while (json_object_iter_next (&iter, &member, &node))
    if (!g_strv_contains (known, member))
      return kith_invalid (error, _("Unknown member “%s” for %s"),
                      g_utf8_validate (member, -1, NULL) ? member : "?", what);

  return TRUE;
}

static gboolean
check_choice (const char  *value,
              const char  *label,
              const char **choices,
              GError     **error)
{
  if (value == NULL || g_strv_contains (choices, value))
    return TRUE;

  {
    g_autofree char *list = g_strjoinv (", ", (char **) choices);
    return kith_invalid (error, _("The %s “%s” is not one of %s"), label, value, list);
  }
}

static gboolean
is_communication (const char *style)
{
  static const char *kinds[] = { "email", "call", "text", "meeting", "direct", "postal", NULL };

  return g_strv_contains (kinds, style);
}

static gboolean
delete_item_fts (KithStore  *self,
                 gint64      item_id,
                 GError    **error)
{
  sqlite3_stmt *stmt;

  /* Not indexed yet: nothing to take out */
  if (kith_store_fts_item_pending (self, item_id))
    {
      kith_store_forget_fts_item (self, item_id);
      return TRUE;
    }

  stmt = kith_store_prepare (self,
                                           "INSERT INTO timeline_fts (timeline_fts, rowid, subject, body) "
                                           "SELECT 'delete', id, subject, coalesce(body, preview) FROM timeline WHERE id = ?",
                                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, item_id);

  return kith_store_step_done (self, stmt, error);
}

static gboolean
affected_records (KithStore  *self,
                  gint64      item_id,
                  GArray     *ids,
                  GError    **error)
{
  sqlite3_stmt *stmt = kith_store_prepare (self,
                                           "SELECT DISTINCT record_id FROM timeline_people WHERE item_id = ?1 AND record_id IS NOT NULL "
                                           "UNION SELECT DISTINCT r.company_id FROM timeline_people tp JOIN records r ON r.id = tp.record_id "
                                           "WHERE tp.item_id = ?1 AND r.company_id IS NOT NULL",
                                           error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, item_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);

  return TRUE;
}

/**
 * kith_store_add_timeline_item:
 * @data: the item (docs/json.md, "Timeline items")
 * @out_existed: (out) (optional): %TRUE when the item was known already (same Message-ID, or same
 *   source + uniqueid, which updates it)
 *
 * Adds an email, call, text, meeting, direct message, note, event or external to-do, and links
 * it to every record whose email, phone or handle it names.
 *
 * Returns: the item's id, or 0 with @error set
 */
gint64
kith_store_add_timeline_item (KithStore   *self,
                              JsonObject  *data,
                              gboolean    *out_existed,
                              GError     **error)
{
  return kith_timeline_add_item (self, data, NULL, out_existed, error);
}

/* kith_store_add_timeline_item(), with addresses (@unlinked, a set of the values as given)
 * that only name someone: mail capture's coworkers and the user's own addresses */
gint64
kith_timeline_add_item (KithStore   *self,
                        JsonObject  *data,
                        GHashTable  *unlinked,
                        gboolean    *out_existed,
                        GError     **error)
{
  static const char *known[] = { "style", "date", "from", "name", "recipients", "references",
                                 "subject", "preview", "body", "bodytype", "threadid", "messageid",
                                 "duration", "location", "outcome", "direction", "links", "source",
                                 "uniqueid", "account", "dryrun", "participants", NULL };
  static const char *body_types[] = { "text", "html", NULL };
  static const char *outcomes[] = { "connected", "leftvm", "noanswer", NULL };
  static const char *directions[] = { "inbound", "outbound", NULL };
  const char *style = NULL, *from = NULL, *from_name = NULL, *subject = NULL, *preview = NULL;
  const char *body = NULL, *body_type = NULL, *thread_id = NULL, *message_id = NULL;
  const char *location = NULL, *outcome = NULL, *direction = NULL, *source = NULL;
  const char *unique_id = NULL, *account = NULL;
  g_autofree char *made_preview = NULL;
  g_autofree char *own_from_name = NULL, *own_subject = NULL, *own_preview = NULL, *own_body = NULL;
  g_autofree char *own_location = NULL;
  g_autofree char *links = NULL;
  g_autoptr(GPtrArray) parties = g_ptr_array_new_with_free_func ((GDestroyNotify) party_free);
  g_autoptr(GArray) affected = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 date, duration = -1, id = 0, existing = 0;
  gboolean linked = FALSE;
  sqlite3_stmt *stmt;
  JsonNode *node;

  g_return_val_if_fail (KITH_IS_STORE (self), 0);
  g_return_val_if_fail (data != NULL, 0);

  if (out_existed != NULL)
    *out_existed = FALSE;

  if (!check_members (data, known, _("a timeline item"), error) ||
      !get_text (data, "style", _("style"), 16, &style, error) ||
      !get_text (data, "from", _("sender"), 1024, &from, error) ||
      !get_text (data, "name", _("sender name"), 1024, &from_name, error) ||
      !get_text (data, "subject", _("subject"), KITH_MAX_TEXT, &subject, error) ||
      !get_text (data, "preview", _("preview"), KITH_MAX_TEXT, &preview, error) ||
      !get_text (data, "body", _("body"), 32 * KITH_MAX_LONG_TEXT, &body, error) ||
      !get_text (data, "bodytype", _("body type"), 16, &body_type, error) ||
      !get_text (data, "threadid", _("thread id"), 4096, &thread_id, error) ||
      !get_text (data, "messageid", _("message id"), 4096, &message_id, error) ||
      !get_text (data, "location", _("location"), KITH_MAX_TEXT, &location, error) ||
      !get_text (data, "outcome", _("outcome"), 16, &outcome, error) ||
      !get_text (data, "direction", _("direction"), 16, &direction, error) ||
      !get_text (data, "source", _("source"), 1024, &source, error) ||
      !get_text (data, "uniqueid", _("unique id"), 4096, &unique_id, error) ||
      !get_text (data, "account", _("account"), 1024, &account, error) ||
      !check_choice (body_type, _("body type"), body_types, error) ||
      !check_choice (outcome, _("outcome"), outcomes, error) ||
      !check_choice (direction, _("direction"), directions, error))
    return 0;

  strip_controls (&from_name, &own_from_name, FALSE);
  strip_controls (&subject, &own_subject, FALSE);
  strip_controls (&preview, &own_preview, FALSE);
  strip_controls (&body, &own_body, TRUE);
  strip_controls (&location, &own_location, FALSE);

  if (style == NULL)
    style = "note";
  if (!g_strv_contains (item_kinds, style))
    {
      g_autofree char *list = g_strjoinv (", ", (char **) item_kinds);
      kith_invalid (error, _("The style “%s” is not one of %s"), style, list);
      return 0;
    }
  if ((unique_id != NULL) != (source != NULL) &&
      (strcmp (style, "note") == 0 || strcmp (style, "todo") == 0))
    {
      kith_invalid (error, _("A note or to-do from another app needs both source and uniqueid"));
      return 0;
    }

  if (!get_time (data, "date", kith_store_now (self), &date, error))
    return 0;

  if ((node = json_object_get_member (data, "duration")) != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
          json_node_get_int (node) < 0 || json_node_get_int (node) > 7 * 24 * 3600)
        {
          kith_invalid (error, _("The duration must be a number of seconds up to a week"));
          return 0;
        }
      duration = json_node_get_int (node);
    }

  if ((node = json_object_get_member (data, "links")) != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      if (!JSON_NODE_HOLDS_ARRAY (node))
        {
          kith_invalid (error, _("The links must be a list of addresses"));
          return 0;
        }
      links = json_to_string (node, FALSE);
    }

  if (preview == NULL && body != NULL)
    preview = made_preview = kith_make_preview (body, g_strcmp0 (body_type, "html") == 0);
  else if (preview != NULL && strlen (preview) > KITH_MAX_PREVIEW)
    preview = made_preview = kith_make_preview (preview, FALSE);

  kith_store_lock (self);

  if (from != NULL)
    {
      Party *p = make_party (self, "from", from, from_name, unlinked, error);
      if (p == NULL)
        goto out;
      g_ptr_array_add (parties, p);
    }
  if (!add_parties_from (self, data, "recipients", "to", unlinked, parties, error) ||
      !add_parties_from (self, data, "participants", "participant", unlinked, parties, error) ||
      !add_parties_from (self, data, "references", "about", unlinked, parties, error))
    goto out;

  for (guint i = 0; i < parties->len; i++)
    {
      Party *p = g_ptr_array_index (parties, i);

      if (strcmp (p->role, "about") == 0 && p->record_id == 0)
        {
          g_autofree char *message = kith_records_no_match_message (self, p->value);

          kith_invalid (error, "%s", message);
          goto out;
        }
    }

  /* Idempotence: a message is logged once; an item from another app is updated in place */
  if (message_id != NULL)
    {
      stmt = kith_store_prepare (self, "SELECT id FROM timeline WHERE message_id = ?", error);
      if (stmt == NULL)
        goto out;
      sqlite3_bind_text (stmt, 1, message_id, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        existing = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);

      if (existing != 0)
        {
          if (out_existed != NULL)
            *out_existed = TRUE;
          id = existing;
          goto out;
        }
    }
  if (unique_id != NULL)
    {
      stmt = kith_store_prepare (self, "SELECT id FROM timeline WHERE source = ? AND unique_id = ?", error);
      if (stmt == NULL)
        goto out;
      sqlite3_bind_text (stmt, 1, source, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, unique_id, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        existing = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
    }

  if (!kith_store_begin (self, error))
    goto out;

  if (existing != 0)
    {
      if (out_existed != NULL)
        *out_existed = TRUE;
      if (!affected_records (self, existing, affected, error) ||
          !delete_item_fts (self, existing, error))
        goto fail;
      stmt = kith_store_prepare (self, "DELETE FROM timeline_people WHERE item_id = ?", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, existing);
      if (!kith_store_step_done (self, stmt, error))
        goto fail;
    }

  stmt = kith_store_prepare (self,
                             "INSERT INTO timeline (id, kind, date, subject, preview, body, body_type, direction, "
                             "outcome, duration, location, thread_id, message_id, source, unique_id, links, account, created) "
                             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18) "
                             "ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, date = excluded.date, "
                             "subject = excluded.subject, preview = excluded.preview, body = excluded.body, "
                             "body_type = excluded.body_type, direction = excluded.direction, outcome = excluded.outcome, "
                             "duration = excluded.duration, location = excluded.location, thread_id = excluded.thread_id, "
                             "links = excluded.links, account = excluded.account",
                             error);
  if (stmt == NULL)
    goto fail;
  if (existing != 0)
    sqlite3_bind_int64 (stmt, 1, existing);
  sqlite3_bind_text (stmt, 2, style, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, date);
  kith_store_bind_text (stmt, 4, subject);
  kith_store_bind_text (stmt, 5, preview);
  kith_store_bind_text (stmt, 6, body);
  kith_store_bind_text (stmt, 7, body_type);
  kith_store_bind_text (stmt, 8, direction);
  kith_store_bind_text (stmt, 9, outcome);
  if (duration >= 0)
    sqlite3_bind_int64 (stmt, 10, duration);
  kith_store_bind_text (stmt, 11, location);
  kith_store_bind_text (stmt, 12, thread_id ? thread_id : message_id);
  kith_store_bind_text (stmt, 13, message_id);
  kith_store_bind_text (stmt, 14, source);
  kith_store_bind_text (stmt, 15, unique_id);
  kith_store_bind_text (stmt, 16, links);
  kith_store_bind_text (stmt, 17, account);
  sqlite3_bind_int64 (stmt, 18, kith_store_now (self));
  if (!kith_store_step_done (self, stmt, error))
    goto fail;
  id = existing != 0 ? existing : sqlite3_last_insert_rowid (kith_store_get_db (self));

  if (!kith_store_queue_fts_item (self, id, error))
    goto fail;

  for (guint i = 0; i < parties->len; i++)
    {
      Party *p = g_ptr_array_index (parties, i);

      stmt = kith_store_prepare (self, "INSERT INTO timeline_people (item_id, role, value, key, name, record_id) "
                                       "VALUES (?, ?, ?, ?, ?, ?)", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_text (stmt, 2, p->role, -1, SQLITE_STATIC);
      kith_store_bind_text (stmt, 3, p->value);
      kith_store_bind_text (stmt, 4, p->key);
      kith_store_bind_text (stmt, 5, p->name);
      if (p->record_id != 0)
        {
          sqlite3_bind_int64 (stmt, 6, p->record_id);
          linked = TRUE;
        }
      if (!kith_store_step_done (self, stmt, error))
        goto fail;
    }

  /* Last contact: only communications count, and a company hears from its people */
  if (existing != 0)
    {
      if (!affected_records (self, id, affected, error))
        goto fail;
      for (guint i = 0; i < affected->len; i++)
        if (!kith_records_refresh_last_contact (self, g_array_index (affected, gint64, i), error))
          goto fail;
    }
  else if (is_communication (style))
    {
      for (guint i = 0; i < parties->len; i++)
        {
          Party *p = g_ptr_array_index (parties, i);

          if (p->record_id != 0 && !kith_store_note_contact (self, p->record_id, date, error))
            goto fail;
        }
    }

  if (linked || affected->len > 0)
    kith_store_mark_changed (self, KITH_RECORD_PERSON);

  if (!kith_store_commit (self, error))
    id = 0;

out:
  kith_store_unlock (self);
  return id;

fail:
  kith_store_rollback (self);
  kith_store_unlock (self);
  return 0;
}

static JsonObject *
read_item (KithStore    *self,
           sqlite3_stmt *stmt)
{
  JsonObject *item = json_object_new ();
  gint64 id = sqlite3_column_int64 (stmt, 0);
  JsonArray *people = json_array_new ();
  sqlite3_stmt *p;
  static const char *columns[] = { NULL, "style", NULL, "subject", "preview", "body", "bodytype",
                                   "direction", "outcome", NULL, "location", "threadid", "messageid",
                                   "source", "uniqueid", NULL, "account" };

  json_object_set_int_member (item, "id", id);
  json_object_set_int_member (item, "date", sqlite3_column_int64 (stmt, 2));
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    if (columns[i] != NULL && sqlite3_column_type (stmt, i) != SQLITE_NULL)
      json_object_set_string_member (item, columns[i], (const char *) sqlite3_column_text (stmt, i));
  if (sqlite3_column_type (stmt, 9) != SQLITE_NULL)
    json_object_set_int_member (item, "duration", sqlite3_column_int64 (stmt, 9));
  if (sqlite3_column_type (stmt, 15) != SQLITE_NULL)
    json_object_set_member (item, "links", json_from_string ((const char *) sqlite3_column_text (stmt, 15), NULL));

  p = kith_store_prepare (self, "SELECT tp.role, tp.value, tp.name, tp.record_id, r.name FROM timeline_people tp "
                                "LEFT JOIN records r ON r.id = tp.record_id WHERE tp.item_id = ? ORDER BY tp.rowid", NULL);
  if (p != NULL)
    {
      sqlite3_bind_int64 (p, 1, id);
      while (sqlite3_step (p) == SQLITE_ROW)
        {
          JsonObject *person = json_object_new ();

          json_object_set_string_member (person, "role", (const char *) sqlite3_column_text (p, 0));
          if (sqlite3_column_type (p, 1) != SQLITE_NULL)
            json_object_set_string_member (person, "value", (const char *) sqlite3_column_text (p, 1));
          if (sqlite3_column_type (p, 2) != SQLITE_NULL)
            json_object_set_string_member (person, "name", (const char *) sqlite3_column_text (p, 2));
          else if (sqlite3_column_type (p, 4) != SQLITE_NULL)
            json_object_set_string_member (person, "name", (const char *) sqlite3_column_text (p, 4));
          if (sqlite3_column_type (p, 3) != SQLITE_NULL)
            json_object_set_int_member (person, "recordId", sqlite3_column_int64 (p, 3));
          json_array_add_object_element (people, person);
        }
      sqlite3_reset (p);
    }
  json_object_set_array_member (item, "people", people);

  return item;
}

#define ITEM_COLUMNS \
  "t.id, t.kind, t.date, t.subject, t.preview, t.body, t.body_type, t.direction, t.outcome, " \
  "t.duration, t.location, t.thread_id, t.message_id, t.source, t.unique_id, t.links, t.account"

/**
 * kith_store_get_timeline_item:
 *
 * Returns: (transfer full): one timeline item with its people, or %NULL with @error set
 */
JsonObject *
kith_store_get_timeline_item (KithStore  *self,
                              gint64      item_id,
                              GError    **error)
{
  JsonObject *item = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (KITH_IS_STORE (self), NULL);

  kith_store_lock (self);
  stmt = kith_store_prepare (self, "SELECT " ITEM_COLUMNS " FROM timeline t WHERE t.id = ?", error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, item_id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        item = read_item (self, stmt);
      sqlite3_reset (stmt);
      if (item == NULL)
        g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_NOT_FOUND,
                     _("The timeline item %" G_GINT64_FORMAT " does not exist"), item_id);
    }
  kith_store_unlock (self);

  return item;
}

/**
 * kith_store_get_timeline:
 * @record_id: a person, company (with its people's items) or project (with its participants')
 *
 * Returns: (transfer full): the record's timeline items, newest first
 */
JsonArray *
kith_store_get_timeline (KithStore  *self,
                         gint64      record_id,
                         guint       offset,
                         guint       limit,
                         GError    **error)
{
  g_autoptr(JsonArray) items = json_array_new ();
  sqlite3_stmt *stmt;

  g_return_val_if_fail (KITH_IS_STORE (self), NULL);

  kith_store_lock (self);
  stmt = kith_store_prepare (self,
                             "SELECT " ITEM_COLUMNS " FROM timeline t WHERE t.id IN ("
                             "  SELECT item_id FROM timeline_people WHERE record_id = ?1 "
                             "  UNION SELECT item_id FROM timeline_people WHERE record_id IN "
                             "    (SELECT id FROM records WHERE company_id = ?1) "
                             "  UNION SELECT item_id FROM timeline_people WHERE record_id IN "
                             "    (SELECT record_id FROM project_members WHERE project_id = ?1)) "
                             "ORDER BY t.date DESC, t.id DESC LIMIT ?2 OFFSET ?3",
                             error);
  if (stmt == NULL)
    {
      kith_store_unlock (self);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, record_id);
  sqlite3_bind_int64 (stmt, 2, limit == G_MAXUINT ? -1 : (gint64) limit);
  sqlite3_bind_int64 (stmt, 3, offset);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    json_array_add_object_element (items, read_item (self, stmt));
  sqlite3_reset (stmt);
  kith_store_unlock (self);

  return g_steal_pointer (&items);
}

gboolean
kith_store_delete_timeline_item (KithStore  *self,
                                 gint64      item_id,
                                 GError    **error)
{
  g_autoptr(GArray) affected = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean exists;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (KITH_IS_STORE (self), FALSE);

  kith_store_lock (self);
  stmt = kith_store_prepare (self, "SELECT 1 FROM timeline WHERE id = ?", error);
  if (stmt == NULL)
    {
      kith_store_unlock (self);
      return FALSE;
    }
  sqlite3_bind_int64 (stmt, 1, item_id);
  exists = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  if (!exists)
    {
      g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_NOT_FOUND,
                   _("There is no timeline item #%" G_GINT64_FORMAT), item_id);
      kith_store_unlock (self);
      return FALSE;
    }

  if (!kith_store_begin (self, error))
    {
      kith_store_unlock (self);
      return FALSE;
    }
  kith_store_unlock (self);

  if (!affected_records (self, item_id, affected, error) ||
      !delete_item_fts (self, item_id, error))
    goto fail;

  stmt = kith_store_prepare (self, "DELETE FROM timeline WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, item_id);
  if (!kith_store_step_done (self, stmt, error))
    goto fail;

  for (guint i = 0; i < affected->len; i++)
    if (!kith_records_refresh_last_contact (self, g_array_index (affected, gint64, i), error))
      goto fail;

  kith_store_mark_changed (self, KITH_RECORD_PERSON);
  return kith_store_commit (self, error);

fail:
  kith_store_rollback (self);
  return FALSE;
}

/**
 * kith_store_add_todo:
 * @data: {subject, preview?, when? (YYYY-MM-DD, or 1 / "someday"), participants?, assigner?,
 *   assignee?, source? + uniqueid?}
 *
 * Returns: the to-do's id, or 0 with @error set. A repeat with the same source and uniqueid
 *   updates the to-do.
 */
gint64
kith_store_add_todo (KithStore   *self,
                     JsonObject  *data,
                     GError     **error)
{
  static const char *known[] = { "subject", "preview", "when", "participants", "assigner",
                                 "assignee", "source", "uniqueid", NULL };
  const char *subject = NULL, *preview = NULL, *assigner = NULL, *assignee = NULL;
  const char *source = NULL, *unique_id = NULL;
  g_autofree char *own_subject = NULL, *own_preview = NULL;
  g_autofree char *due = NULL;
  g_autoptr(GArray) people = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  JsonNode *when;
  gint64 id = 0;

  g_return_val_if_fail (KITH_IS_STORE (self), 0);

  if (!check_members (data, known, _("a to-do"), error) ||
      !get_text (data, "subject", _("subject"), KITH_MAX_TEXT, &subject, error) ||
      !get_text (data, "preview", _("preview"), KITH_MAX_TEXT, &preview, error) ||
      !get_text (data, "assigner", _("assigner"), 1024, &assigner, error) ||
      !get_text (data, "assignee", _("assignee"), 1024, &assignee, error) ||
      !get_text (data, "source", _("source"), 1024, &source, error) ||
      !get_text (data, "uniqueid", _("unique id"), 4096, &unique_id, error))
    return 0;

  strip_controls (&subject, &own_subject, FALSE);
  strip_controls (&preview, &own_preview, FALSE);
  if (subject == NULL)
    {
      kith_invalid (error, _("A to-do needs a subject"));
      return 0;
    }
  if ((source == NULL) != (unique_id == NULL))
    {
      kith_invalid (error, _("A to-do from another app needs both source and uniqueid"));
      return 0;
    }

  when = json_object_get_member (data, "when");
  if (when != NULL && JSON_NODE_HOLDS_VALUE (when))
    {
      GDate date;

      if (json_node_get_value_type (when) == G_TYPE_INT64 && json_node_get_int (when) == 1)
        due = NULL;
      else if (json_node_get_value_type (when) == G_TYPE_INT64)
        {
          g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (json_node_get_int (when) / 1000);
          if (dt == NULL)
            {
              kith_invalid (error, _("The date of the to-do is out of range"));
              return 0;
            }
          due = g_date_time_format (dt, "%Y-%m-%d");
        }
      else if (json_node_get_value_type (when) == G_TYPE_STRING)
        {
          const char *text = json_node_get_string (when);

          if (g_ascii_strcasecmp (text, "someday") == 0 || strcmp (text, "1") == 0)
            due = NULL;
          else if (kith_parse_date (text, FALSE, &date))
            due = g_strdup (text);
          else
            {
              kith_invalid (error, _("The to-do date “%s” is not a date (YYYY-MM-DD) or “someday”"),
                       g_utf8_validate (text, -1, NULL) ? text : "?");
              return 0;
            }
        }
      else
        {
          kith_invalid (error, _("The to-do date must be a date (YYYY-MM-DD) or “someday”"));
          return 0;
        }
    }

  kith_store_lock (self);

  if ((when = json_object_get_member (data, "participants")) != NULL && !JSON_NODE_HOLDS_NULL (when))
    {
      g_autoptr(GPtrArray) parties = g_ptr_array_new_with_free_func ((GDestroyNotify) party_free);

      if (!add_parties_from (self, data, "participants", "participant", NULL, parties, error))
        goto out;
      for (guint i = 0; i < parties->len; i++)
        {
          Party *p = g_ptr_array_index (parties, i);

          if (p->record_id == 0)
            {
              g_autofree char *message = kith_records_no_match_message (self, p->value);

              kith_invalid (error, "%s", message);
              goto out;
            }
          g_array_append_val (people, p->record_id);
        }
    }

  if (unique_id != NULL)
    {
      stmt = kith_store_prepare (self, "SELECT id FROM todos WHERE source = ? AND unique_id = ?", error);
      if (stmt == NULL)
        goto out;
      sqlite3_bind_text (stmt, 1, source, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, unique_id, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        id = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
    }

  if (!kith_store_begin (self, error))
    goto out;

  stmt = kith_store_prepare (self,
                             "INSERT INTO todos (id, subject, preview, due, assigner, assignee, source, unique_id, created) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
                             "subject = excluded.subject, preview = excluded.preview, due = excluded.due, "
                             "assigner = excluded.assigner, assignee = excluded.assignee", error);
  if (stmt == NULL)
    goto fail;
  if (id != 0)
    sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, subject, -1, SQLITE_STATIC);
  kith_store_bind_text (stmt, 3, preview);
  kith_store_bind_text (stmt, 4, due);
  kith_store_bind_text (stmt, 5, assigner);
  kith_store_bind_text (stmt, 6, assignee);
  kith_store_bind_text (stmt, 7, source);
  kith_store_bind_text (stmt, 8, unique_id);
  sqlite3_bind_int64 (stmt, 9, kith_store_now (self));
  if (!kith_store_step_done (self, stmt, error))
    goto fail;
  if (id == 0)
    id = sqlite3_last_insert_rowid (kith_store_get_db (self));

  if (json_object_has_member (data, "participants"))
    {
      stmt = kith_store_prepare (self, "DELETE FROM todo_people WHERE todo_id = ?", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, id);
      if (!kith_store_step_done (self, stmt, error))
        goto fail;
    }
  for (guint i = 0; i < people->len; i++)
    {
      stmt = kith_store_prepare (self, "INSERT OR IGNORE INTO todo_people (todo_id, record_id) VALUES (?, ?)", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int64 (stmt, 2, g_array_index (people, gint64, i));
      if (!kith_store_step_done (self, stmt, error))
        goto fail;
    }

  kith_store_mark_changed (self, KITH_RECORD_PERSON);
  if (!kith_store_commit (self, error))
    id = 0;
  kith_store_unlock (self);

  return id;

fail:
  kith_store_rollback (self);
out:
  kith_store_unlock (self);
  return 0;
}

gboolean
kith_store_set_todo_done (KithStore   *self,
                          gint64       todo_id,
                          gboolean     done,
                          GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  g_return_val_if_fail (KITH_IS_STORE (self), FALSE);

  kith_store_lock (self);
  stmt = kith_store_prepare (self, "UPDATE todos SET done = ?, done_at = ? WHERE id = ?", error);
  if (stmt != NULL)
    {
      sqlite3_bind_int (stmt, 1, done ? 1 : 0);
      if (done)
        sqlite3_bind_int64 (stmt, 2, kith_store_now (self));
      sqlite3_bind_int64 (stmt, 3, todo_id);
      ok = kith_store_step_done (self, stmt, error);
      if (ok && sqlite3_changes (kith_store_get_db (self)) == 0)
        {
          g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_NOT_FOUND,
                       _("There is no to-do #%" G_GINT64_FORMAT), todo_id);
          ok = FALSE;
        }
      if (ok)
        kith_store_mark_changed (self, KITH_RECORD_PERSON);
    }
  kith_store_unlock (self);

  return ok;
}

/**
 * kith_store_reschedule_todo:
 * @due: (nullable): the new day ("YYYY-MM-DD"), or %NULL for someday
 */
gboolean
kith_store_reschedule_todo (KithStore   *self,
                            gint64       todo_id,
                            const char  *due,
                            GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;
  GDate date;

  g_return_val_if_fail (KITH_IS_STORE (self), FALSE);

  if (due != NULL && !kith_parse_date (due, FALSE, &date))
    return kith_invalid (error, _("The to-do date “%s” is not a date (YYYY-MM-DD) or “someday”"),
                    g_utf8_validate (due, -1, NULL) ? due : "?");

  kith_store_lock (self);
  stmt = kith_store_prepare (self, "UPDATE todos SET due = ? WHERE id = ?", error);
  if (stmt != NULL)
    {
      kith_store_bind_text (stmt, 1, due);
      sqlite3_bind_int64 (stmt, 2, todo_id);
      ok = kith_store_step_done (self, stmt, error);
      if (ok && sqlite3_changes (kith_store_get_db (self)) == 0)
        {
          g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_NOT_FOUND,
                       _("There is no to-do #%" G_GINT64_FORMAT), todo_id);
          ok = FALSE;
        }
      if (ok)
        kith_store_mark_changed (self, KITH_RECORD_PERSON);
    }
  kith_store_unlock (self);

  return ok;
}

/**
 * kith_store_list_todos:
 * @record_id: a record, or 0 for every to-do
 *
 * Returns: (transfer full): to-dos by due date (someday last), each {id, subject, preview, when,
 *   done, assigner, assignee, participants:[{id, name}]}
 */
JsonArray *
kith_store_list_todos (KithStore  *self,
                       gint64      record_id,
                       gboolean    include_done,
                       GError    **error)
{
  g_autoptr(JsonArray) todos = json_array_new ();
  sqlite3_stmt *stmt;

  g_return_val_if_fail (KITH_IS_STORE (self), NULL);

  kith_store_lock (self);
  stmt = kith_store_prepare (self,
                             "SELECT t.id, t.subject, t.preview, t.due, t.done, t.assigner, t.assignee, t.source, t.unique_id, "
                             "  (SELECT json_group_array(json_object('id', r.id, 'name', r.name)) FROM todo_people tp "
                             "   JOIN records r ON r.id = tp.record_id WHERE tp.todo_id = t.id) "
                             "FROM todos t WHERE (?1 = 0 OR t.id IN (SELECT todo_id FROM todo_people WHERE record_id = ?1)) "
                             "AND (?2 OR t.done = 0) ORDER BY t.done, t.due IS NULL, t.due, t.id",
                             error);
  if (stmt == NULL)
    {
      kith_store_unlock (self);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, record_id);
  sqlite3_bind_int (stmt, 2, include_done);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      JsonObject *todo = json_object_new ();

      json_object_set_int_member (todo, "id", sqlite3_column_int64 (stmt, 0));
      json_object_set_string_member (todo, "subject", (const char *) sqlite3_column_text (stmt, 1));
      if (sqlite3_column_type (stmt, 2) != SQLITE_NULL)
        json_object_set_string_member (todo, "preview", (const char *) sqlite3_column_text (stmt, 2));
      json_object_set_string_member (todo, "when", sqlite3_column_type (stmt, 3) != SQLITE_NULL
                                                   ? (const char *) sqlite3_column_text (stmt, 3) : "someday");
      json_object_set_boolean_member (todo, "done", sqlite3_column_int (stmt, 4));
      if (sqlite3_column_type (stmt, 5) != SQLITE_NULL)
        json_object_set_string_member (todo, "assigner", (const char *) sqlite3_column_text (stmt, 5));
      if (sqlite3_column_type (stmt, 6) != SQLITE_NULL)
        json_object_set_string_member (todo, "assignee", (const char *) sqlite3_column_text (stmt, 6));
      if (sqlite3_column_type (stmt, 7) != SQLITE_NULL)
        {
          json_object_set_string_member (todo, "source", (const char *) sqlite3_column_text (stmt, 7));
          json_object_set_string_member (todo, "uniqueid", (const char *) sqlite3_column_text (stmt, 8));
        }
      json_object_set_member (todo, "participants", json_from_string ((const char *) sqlite3_column_text (stmt, 9), NULL));
      json_array_add_object_element (todos, todo);
    }
  sqlite3_reset (stmt);
  kith_store_unlock (self);

  return g_steal_pointer (&todos);
}

/**
 * kith_store_get_audit:
 * @record_id: a record, or 0 for all
 * @since_ms: only entries at or after this time
 *
 * Returns: (transfer full): audit entries, oldest first: {id, recordId, syncKey, field, before,
 *   after, at}
 */
JsonArray *
kith_store_get_audit (KithStore  *self,
                      gint64      record_id,
                      gint64      since_ms,
                      GError    **error)
{
  g_autoptr(JsonArray) entries = json_array_new ();
  sqlite3_stmt *stmt;

  g_return_val_if_fail (KITH_IS_STORE (self), NULL);

  kith_store_lock (self);
  stmt = kith_store_prepare (self,
                             "SELECT id, record_id, record_sync_key, field, old_value, new_value, at FROM audit "
                             "WHERE (?1 = 0 OR record_id = ?1) AND at >= ?2 ORDER BY at, id", error);
  if (stmt == NULL)
    {
      kith_store_unlock (self);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, record_id);
  sqlite3_bind_int64 (stmt, 2, since_ms);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      JsonObject *entry = json_object_new ();

      json_object_set_int_member (entry, "id", sqlite3_column_int64 (stmt, 0));
      if (sqlite3_column_type (stmt, 1) != SQLITE_NULL)
        json_object_set_int_member (entry, "recordId", sqlite3_column_int64 (stmt, 1));
      json_object_set_string_member (entry, "syncKey", (const char *) sqlite3_column_text (stmt, 2));
      json_object_set_string_member (entry, "field", (const char *) sqlite3_column_text (stmt, 3));
      if (sqlite3_column_type (stmt, 4) != SQLITE_NULL)
        json_object_set_string_member (entry, "before", (const char *) sqlite3_column_text (stmt, 4));
      else
        json_object_set_null_member (entry, "before");
      if (sqlite3_column_type (stmt, 5) != SQLITE_NULL)
        json_object_set_string_member (entry, "after", (const char *) sqlite3_column_text (stmt, 5));
      else
        json_object_set_null_member (entry, "after");
      json_object_set_int_member (entry, "at", sqlite3_column_int64 (stmt, 6));
      json_array_add_object_element (entries, entry);
    }
  sqlite3_reset (stmt);
  kith_store_unlock (self);

  return g_steal_pointer (&entries);
}

/**
 * kith_store_add_file:
 * @uri: where the file is (a copy in Kith's data dir, or the original when linked)
 *
 * Returns: the attachment's id, or 0 with @error set
 */
gint64
kith_store_add_file (KithStore   *self,
                     gint64       record_id,
                     const char  *uri,
                     const char  *name,
                     gint64       size,
                     const char  *content_type,
                     gboolean     copied,
                     GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;

  g_return_val_if_fail (KITH_IS_STORE (self), 0);

  if (uri == NULL || name == NULL ||
      !kith_validate_text (_("file location"), uri, 8192, error) ||
      !kith_validate_text (_("file name"), name, 4096, error))
    {
      if (uri == NULL || name == NULL)
        kith_invalid (error, _("A file needs a location and a name"));
      return 0;
    }

  kith_store_lock (self);
  if (kith_store_get_record_kind (self, record_id) == KITH_RECORD_KIND_INVALID)
    {
      g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_NOT_FOUND,
                   _("There is no record #%" G_GINT64_FORMAT), record_id);
      kith_store_unlock (self);
      return 0;
    }
  stmt = kith_store_prepare (self, "INSERT INTO files (record_id, uri, name, size, content_type, copied, added) "
                                   "VALUES (?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, record_id);
      sqlite3_bind_text (stmt, 2, uri, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, name, -1, SQLITE_STATIC);
      if (size >= 0)
        sqlite3_bind_int64 (stmt, 4, size);
      kith_store_bind_text (stmt, 5, content_type);
      sqlite3_bind_int (stmt, 6, copied);
      sqlite3_bind_int64 (stmt, 7, kith_store_now (self));
      if (kith_store_step_done (self, stmt, error))
        id = sqlite3_last_insert_rowid (kith_store_get_db (self));
    }
  kith_store_unlock (self);

  return id;
}

/**
 * kith_store_list_files:
 *
 * Returns: (transfer full): the record's files, newest first: {id, uri, name, size,
 *   contentType, copied, added}
 */
JsonArray *
kith_store_list_files (KithStore  *self,
                       gint64      record_id,
                       GError    **error)
{
  g_autoptr(JsonArray) files = json_array_new ();
  sqlite3_stmt *stmt;

  g_return_val_if_fail (KITH_IS_STORE (self), NULL);

  kith_store_lock (self);
  stmt = kith_store_prepare (self, "SELECT id, uri, name, size, content_type, copied, added FROM files "
                                   "WHERE record_id = ? ORDER BY added DESC, id DESC", error);
  if (stmt == NULL)
    {
      kith_store_unlock (self);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, record_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      JsonObject *file = json_object_new ();

      json_object_set_int_member (file, "id", sqlite3_column_int64 (stmt, 0));
      json_object_set_string_member (file, "uri", (const char *) sqlite3_column_text (stmt, 1));
      json_object_set_string_member (file, "name", (const char *) sqlite3_column_text (stmt, 2));
      if (sqlite3_column_type (stmt, 3) != SQLITE_NULL)
        json_object_set_int_member (file, "size", sqlite3_column_int64 (stmt, 3));
      if (sqlite3_column_type (stmt, 4) != SQLITE_NULL)
        json_object_set_string_member (file, "contentType", (const char *) sqlite3_column_text (stmt, 4));
      json_object_set_boolean_member (file, "copied", sqlite3_column_int (stmt, 5));
      json_object_set_int_member (file, "added", sqlite3_column_int64 (stmt, 6));
      json_array_add_object_element (files, file);
    }
  sqlite3_reset (stmt);
  kith_store_unlock (self);

  return g_steal_pointer (&files);
}
