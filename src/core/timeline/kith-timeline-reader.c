/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithTimeline"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kith-enums.h"
#include "kith-object-util.h"
#include "kith-statement.h"
#include "kith-timeline-person.h"
#include "kith-timeline-private.h"
#include "kith-timeline-reader.h"

/* Reading timeline items back, one or a record's, typed straight from their rows */

#define ITEM_COLUMNS \
  "t.id, t.kind, t.date, t.subject, t.preview, t.body, t.body_type, t.direction, t.outcome, " \
  "t.duration, t.location, t.thread_id, t.message_id, t.source, t.unique_id, t.links, t.account, " \
  "t.reply_to"

static KithTimelinePerson *
read_person (KithStatement *st)
{
  /* The name the item gave, else its record's */
  return kith_timeline_person_new (kith_statement_column_text (st, 0), kith_statement_column_text (st, 1),
                                   kith_statement_column_text (st, kith_statement_column_is_null (st, 2) ? 4 : 2),
                                   kith_statement_column_int64 (st, 3));
}

/* Who took part in @item_id; the name of who it is from in @out_sender */
static GListStore *
read_people (KithStore  *self,
             gint64      item_id,
             char      **out_sender)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  GListStore *people = g_list_store_new (KITH_TYPE_TIMELINE_PERSON);

  if (!kith_statement_prepare (&st, self, "SELECT tp.role, tp.value, tp.name, tp.record_id, r.name "
                                          "FROM timeline_people tp LEFT JOIN records r ON r.id = tp.record_id "
                                          "WHERE tp.item_id = ? ORDER BY tp.rowid", NULL))
    return people;
  kith_statement_bind_int64 (&st, 1, item_id);
  while (kith_statement_step (&st, NULL))
    {
      g_autoptr(KithTimelinePerson) person = read_person (&st);

      if (*out_sender == NULL && g_strcmp0 (kith_timeline_person_get_role (person), "from") == 0)
        *out_sender = g_strdup (kith_timeline_person_get_name (person));
      g_list_store_append (people, person);
    }

  return people;
}

/* The links or reply_to column: a JSON array of addresses */
static GStrv
read_addresses (KithStatement *st,
                int            column)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GStrvBuilder) addresses = NULL;
  JsonArray *array;

  if (kith_statement_column_is_null (st, column) ||
      (node = json_from_string (kith_statement_column_text (st, column), NULL)) == NULL ||
      !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;

  addresses = g_strv_builder_new ();
  array = json_node_get_array (node);
  /* Only the addresses: the writer kept whatever list it was given */
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (json_node_get_value_type (json_array_get_element (array, i)) == G_TYPE_STRING)
      g_strv_builder_add (addresses, json_array_get_string_element (array, i));

  return g_strv_builder_end (addresses);
}

/* The item in the row of ITEM_COLUMNS @st is on */
static KithTimelineItem *
read_item (KithStore     *self,
           KithStatement *st)
{
  gint64 id = kith_statement_column_int64 (st, 0);
  g_autofree char *sender = NULL;
  g_autoptr(GListStore) people = read_people (self, id, &sender);
  g_auto(GStrv) links = read_addresses (st, 15);
  g_auto(GStrv) reply_to = read_addresses (st, 17);

  return g_object_new (KITH_TYPE_TIMELINE_ITEM,
                       "id", id,
                       "style", kith_enum_from_nick (KITH_TYPE_TIMELINE_STYLE, kith_statement_column_text (st, 1)),
                       "date", kith_statement_column_int64 (st, 2),
                       "subject", kith_statement_column_text (st, 3),
                       "preview", kith_statement_column_text (st, 4),
                       "body", kith_statement_column_text (st, 5),
                       "body-type", kith_statement_column_text (st, 6),
                       "direction", kith_enum_from_nick (KITH_TYPE_DIRECTION, kith_statement_column_text (st, 7)),
                       "outcome", kith_enum_from_nick (KITH_TYPE_CALL_OUTCOME, kith_statement_column_text (st, 8)),
                       "duration", kith_statement_column_is_null (st, 9) ? -1 : kith_statement_column_int64 (st, 9),
                       "location", kith_statement_column_text (st, 10),
                       "thread-id", kith_statement_column_text (st, 11),
                       "message-id", kith_statement_column_text (st, 12),
                       "source", kith_statement_column_text (st, 13),
                       "unique-id", kith_statement_column_text (st, 14),
                       "links", links,
                       "reply-to", reply_to,
                       "account", kith_statement_column_text (st, 16),
                       "sender-name", sender,
                       "people", people,
                       NULL);
}

static KithTimelineItem *
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
KithTimelineItem *
kith_store_get_timeline_item (KithStore  *self,
                              gint64      item_id,
                              GError    **error)
{
  KithTimelineItem *item;

  g_return_val_if_fail (KITH_IS_STORE (self), NULL);

  kith_store_lock (self);
  item = read_one_item (self, item_id, error);
  kith_store_unlock (self);

  return item;
}

/* Which of a record's items to read, newest first */
typedef struct {
  const KithTimelineKey *older_than;  /* nullable: only items after this one */
  const KithTimelineKey *down_to;     /* nullable: only items up to this one, itself included */
  guint                  offset;
  guint                  limit;       /* G_MAXUINT: all */
} Range;

static void
bind_key (KithStatement         *st,
          int                    column,
          const KithTimelineKey *key)
{
  if (key == NULL)
    {
      kith_statement_bind_null (st, column);
      kith_statement_bind_null (st, column + 1);
      return;
    }
  kith_statement_bind_int64 (st, column, key->date);
  kith_statement_bind_int64 (st, column + 1, key->id);
}

static GPtrArray *
read_timeline (KithStore    *self,
               gint64        record_id,
               const Range  *range,
               GError      **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  GPtrArray *items;

  /* The order is (date, id) and so are the bounds: a page read after items were added above it
   * starts where the last one ended, which an offset would not */
  if (!kith_statement_prepare (&st, self,
                               "SELECT " ITEM_COLUMNS " FROM timeline t WHERE t.id IN ("
                               "  SELECT item_id FROM timeline_people WHERE record_id = ?1 "
                               "  UNION SELECT item_id FROM timeline_people WHERE record_id IN "
                               "    (SELECT id FROM records WHERE company_id = ?1) "
                               "  UNION SELECT item_id FROM timeline_people WHERE record_id IN "
                               "    (SELECT record_id FROM project_members WHERE project_id = ?1)) "
                               "AND (?4 IS NULL OR (t.date, t.id) < (?4, ?5)) "
                               "AND (?6 IS NULL OR (t.date, t.id) >= (?6, ?7)) "
                               "ORDER BY t.date DESC, t.id DESC LIMIT ?2 OFFSET ?3",
                               error))
    return NULL;
  kith_statement_bind_int64 (&st, 1, record_id);
  kith_statement_bind_int64 (&st, 2, range->limit == G_MAXUINT ? -1 : (gint64) range->limit);
  kith_statement_bind_int64 (&st, 3, range->offset);
  bind_key (&st, 4, range->older_than);
  bind_key (&st, 6, range->down_to);

  items = g_ptr_array_new_with_free_func (g_object_unref);
  while (kith_statement_step (&st, NULL))
    g_ptr_array_add (items, read_item (self, &st));

  return items;
}

static GPtrArray *
read_timeline_locked (KithStore    *self,
                      gint64        record_id,
                      const Range  *range,
                      GError      **error)
{
  GPtrArray *items;

  kith_store_lock (self);
  items = read_timeline (self, record_id, range, error);
  kith_store_unlock (self);

  return items;
}

/**
 * kith_store_get_timeline:
 * @record_id: a person, company (with its people's items) or project (with its participants')
 *
 * Returns: (transfer full) (element-type KithTimelineItem): the record's timeline items,
 *   newest first; %NULL with @error set
 */
GPtrArray *
kith_store_get_timeline (KithStore  *self,
                         gint64      record_id,
                         guint       offset,
                         guint       limit,
                         GError    **error)
{
  Range range = { NULL, NULL, offset, limit };

  g_return_val_if_fail (KITH_IS_STORE (self), NULL);

  return read_timeline_locked (self, record_id, &range, error);
}

/**
 * kith_store_get_timeline_range:
 * @record_id: as for kith_store_get_timeline()
 * @older_than: (nullable): read only the items after this one, newest first: the next page
 * @down_to: (nullable): read only the items before this one and itself: the pages read so far
 * @limit: at most this many, G_MAXUINT for all
 *
 * Returns: (transfer full) (element-type KithTimelineItem): the record's timeline items,
 *   newest first; %NULL with @error set
 */
GPtrArray *
kith_store_get_timeline_range (KithStore              *self,
                               gint64                  record_id,
                               const KithTimelineKey  *older_than,
                               const KithTimelineKey  *down_to,
                               guint                   limit,
                               GError                **error)
{
  Range range = { older_than, down_to, 0, limit };

  g_return_val_if_fail (KITH_IS_STORE (self), NULL);

  return read_timeline_locked (self, record_id, &range, error);
}
