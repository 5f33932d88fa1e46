/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithTimeline"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kith-statement.h"
#include "kith-timeline-private.h"
#include "kith-timeline-reader.h"

/* Reading timeline items back, one or a record's */

#define ITEM_COLUMNS \
  "t.id, t.kind, t.date, t.subject, t.preview, t.body, t.body_type, t.direction, t.outcome, " \
  "t.duration, t.location, t.thread_id, t.message_id, t.source, t.unique_id, t.links, t.account"

static void
read_person (KithStatement *st,
             JsonArray     *people)
{
  JsonObject *person = json_object_new ();

  json_object_set_string_member (person, "role", kith_statement_column_text (st, 0));
  kith_statement_set_text_member (st, 1, person, "value");
  /* The name the item gave, else its record's */
  kith_statement_set_text_member (st, kith_statement_column_is_null (st, 2) ? 4 : 2, person, "name");
  if (!kith_statement_column_is_null (st, 3))
    json_object_set_int_member (person, "recordId", kith_statement_column_int64 (st, 3));
  json_array_add_object_element (people, person);
}

static JsonArray *
read_people (KithStore *self,
             gint64     item_id)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  JsonArray *people = json_array_new ();

  if (!kith_statement_prepare (&st, self, "SELECT tp.role, tp.value, tp.name, tp.record_id, r.name "
                                          "FROM timeline_people tp LEFT JOIN records r ON r.id = tp.record_id "
                                          "WHERE tp.item_id = ? ORDER BY tp.rowid", NULL))
    return people;
  kith_statement_bind_int64 (&st, 1, item_id);
  while (kith_statement_step (&st, NULL))
    read_person (&st, people);

  return people;
}

/* The item in the row of ITEM_COLUMNS @st is on */
static JsonObject *
read_item (KithStore     *self,
           KithStatement *st)
{
  static const char *columns[] = { NULL, "style", NULL, "subject", "preview", "body", "bodytype",
                                   "direction", "outcome", NULL, "location", "threadid", "messageid",
                                   "source", "uniqueid", NULL, "account" };
  JsonObject *item = json_object_new ();
  gint64 id = kith_statement_column_int64 (st, 0);

  json_object_set_int_member (item, "id", id);
  json_object_set_int_member (item, "date", kith_statement_column_int64 (st, 2));
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    if (columns[i] != NULL)
      kith_statement_set_text_member (st, i, item, columns[i]);
  if (!kith_statement_column_is_null (st, 9))
    json_object_set_int_member (item, "duration", kith_statement_column_int64 (st, 9));
  if (!kith_statement_column_is_null (st, 15))
    json_object_set_member (item, "links", json_from_string (kith_statement_column_text (st, 15), NULL));
  json_object_set_array_member (item, "people", read_people (self, id));

  return item;
}

static JsonObject *
read_one_item (KithStore  *self,
               gint64      item_id,
               GError    **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, self, "SELECT " ITEM_COLUMNS " FROM timeline t WHERE t.id = ?", error))
    return NULL;
  kith_statement_bind_int64 (&st, 1, item_id);
  if (kith_statement_step (&st, NULL))
    return read_item (self, &st);

  g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_NOT_FOUND,
               _("The timeline item %" G_GINT64_FORMAT " does not exist"), item_id);
  return NULL;
}

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
  JsonObject *item;

  g_return_val_if_fail (KITH_IS_STORE (self), NULL);

  kith_store_lock (self);
  item = read_one_item (self, item_id, error);
  kith_store_unlock (self);

  return item;
}

static JsonArray *
read_timeline (KithStore  *self,
               gint64      record_id,
               guint       offset,
               guint       limit,
               GError    **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  JsonArray *items;

  if (!kith_statement_prepare (&st, self,
                               "SELECT " ITEM_COLUMNS " FROM timeline t WHERE t.id IN ("
                               "  SELECT item_id FROM timeline_people WHERE record_id = ?1 "
                               "  UNION SELECT item_id FROM timeline_people WHERE record_id IN "
                               "    (SELECT id FROM records WHERE company_id = ?1) "
                               "  UNION SELECT item_id FROM timeline_people WHERE record_id IN "
                               "    (SELECT record_id FROM project_members WHERE project_id = ?1)) "
                               "ORDER BY t.date DESC, t.id DESC LIMIT ?2 OFFSET ?3",
                               error))
    return NULL;
  kith_statement_bind_int64 (&st, 1, record_id);
  kith_statement_bind_int64 (&st, 2, limit == G_MAXUINT ? -1 : (gint64) limit);
  kith_statement_bind_int64 (&st, 3, offset);

  items = json_array_new ();
  while (kith_statement_step (&st, NULL))
    json_array_add_object_element (items, read_item (self, &st));

  return items;
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
  JsonArray *items;

  g_return_val_if_fail (KITH_IS_STORE (self), NULL);

  kith_store_lock (self);
  items = read_timeline (self, record_id, offset, limit, error);
  kith_store_unlock (self);

  return items;
}
