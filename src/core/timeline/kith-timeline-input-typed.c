/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithTimeline"

#include "config.h"

#include "kith-enums.h"
#include "kith-object-util.h"
#include "kith-timeline-input-typed.h"

/*
 * A timeline item or a to-do drafted in the window (KithTimelineItem, KithTodo) as the input
 * of a write. Only copies: the checks are those JSON input passes (kith_timeline_input_check(),
 * kith_todo_input_check()), run on the store's worker. Made on the caller's thread, so that the
 * worker never reads an object the window may still change.
 */

/* "#id": how a list of people names a record */
static GPtrArray *
records_list (const gint64 *ids,
              guint         n)
{
  GPtrArray *list = kith_party_input_list_new ();

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *ref = g_strdup_printf ("#%" G_GINT64_FORMAT, ids[i]);

      g_ptr_array_add (list, kith_party_input_new (ref, NULL, NULL));
    }

  return list;
}

/**
 * kith_timeline_input_new_for_item:
 * @item: a new item (kith_timeline_item_new())
 * @record_id: the record it is about (a note) or that took part (anything else)
 *
 * Returns: (transfer full): the input that adds @item
 */
KithTimelineInput *
kith_timeline_input_new_for_item (KithTimelineItem *item,
                                  gint64            record_id)
{
  KithTimelineInput *in = g_new0 (KithTimelineInput, 1);
  KithTimelineStyle style = kith_timeline_item_get_style (item);
  g_autoptr(GPtrArray) records = records_list (&record_id, 1);

  in->style = g_strdup (kith_enum_to_nick (KITH_TYPE_TIMELINE_STYLE, style));
  /* 0 is "now"; any other date is checked as a date given in JSON is */
  in->has_date = kith_timeline_item_get_date (item) != 0;
  in->date = kith_timeline_item_get_date (item);
  in->subject = g_strdup (kith_timeline_item_get_subject (item));
  in->body = g_strdup (kith_timeline_item_get_body (item));
  in->location = g_strdup (kith_timeline_item_get_location (item));
  /* A call is timed, even when nobody said for how long */
  in->has_duration = kith_timeline_item_get_duration (item) > 0 || style == KITH_TIMELINE_STYLE_CALL;
  in->duration = MAX (kith_timeline_item_get_duration (item), 0);
  if (kith_timeline_item_get_outcome (item) != KITH_CALL_OUTCOME_NONE)
    in->outcome = g_strdup (kith_enum_to_nick (KITH_TYPE_CALL_OUTCOME, kith_timeline_item_get_outcome (item)));
  if (kith_timeline_item_get_direction (item) != KITH_DIRECTION_NONE)
    in->direction = g_strdup (kith_enum_to_nick (KITH_TYPE_DIRECTION, kith_timeline_item_get_direction (item)));

  if (style == KITH_TIMELINE_STYLE_NOTE)
    in->references = g_steal_pointer (&records);
  else
    in->participants = g_steal_pointer (&records);

  return in;
}

/* Each value as a list of people names it: "#id" or an address */
static GPtrArray *
values_list (const char * const *values)
{
  GPtrArray *list = kith_party_input_list_new ();

  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    g_ptr_array_add (list, kith_party_input_new (values[i], NULL, NULL));

  return list;
}

/**
 * kith_timeline_input_new_with_people:
 * @item: an item logged by hand, new or edited
 * @people: (array zero-terminated=1): who took part (a note: what it is about), each a record
 *   ("#id") or an address
 *
 * Returns: (transfer full): the input that writes @item with these people
 */
KithTimelineInput *
kith_timeline_input_new_with_people (KithTimelineItem   *item,
                                     const char * const *people)
{
  KithTimelineInput *in = kith_timeline_input_new_for_item (item, 0);

  g_clear_pointer (&in->participants, g_ptr_array_unref);
  g_clear_pointer (&in->references, g_ptr_array_unref);
  if (kith_timeline_item_get_style (item) == KITH_TIMELINE_STYLE_NOTE)
    in->references = values_list (people);
  else
    in->participants = values_list (people);

  return in;
}

/**
 * kith_todo_input_new_for_todo:
 * @todo: a to-do not stored yet (kith_todo_new())
 *
 * Returns: (transfer full): the input that adds @todo, with its participants
 */
KithTodoInput *
kith_todo_input_new_for_todo (KithTodo *todo)
{
  KithTodoInput *in = g_new0 (KithTodoInput, 1);
  const gint64 *participants;
  guint n;

  in->subject = g_strdup (kith_todo_get_subject (todo));
  in->preview = g_strdup (kith_todo_get_preview (todo));
  in->assigner = g_strdup (kith_todo_get_assigner (todo));
  in->assignee = g_strdup (kith_todo_get_assignee (todo));
  in->source = g_strdup (kith_todo_get_source (todo));
  in->unique_id = g_strdup (kith_todo_get_unique_id (todo));
  in->due = g_strdup (kith_todo_get_due (todo));
  participants = kith_todo_get_participants (todo, &n);
  in->participants = records_list (participants, n);

  return in;
}
