/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithTimelineItem: one thing on a record's timeline — an email, a call, a meeting, a note —
 * as kith_store_get_timeline_page_async() reads it and kith_store_add_timeline_item_async()
 * writes it, with who took part (KithTimelinePerson).
 */

#define G_LOG_DOMAIN "KithTimelineItem"

#include "config.h"

#include "kith-enums.h"
#include "kith-object-util.h"
#include "kith-timeline-item.h"
#include "kith-timeline-person.h"

struct _KithTimelineItem
{
  GObject            parent_instance;

  gint64             id;
  KithTimelineStyle  style;
  gint64             date;
  char              *subject;
  char              *preview;
  char              *body;
  char              *body_type;
  KithDirection      direction;
  KithCallOutcome    outcome;
  gint64             duration;
  char              *thread_id;
  char              *sender_name;
  char              *location;
  char              *message_id;
  char              *source;
  char              *unique_id;
  char              *account;
  char             **links;
  char             **reply_to;
  GListModel        *people;
};

G_DEFINE_FINAL_TYPE (KithTimelineItem, kith_timeline_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_STYLE,
  PROP_DATE,
  PROP_SUBJECT,
  PROP_PREVIEW,
  PROP_BODY,
  PROP_BODY_TYPE,
  PROP_DIRECTION,
  PROP_OUTCOME,
  PROP_DURATION,
  PROP_THREAD_ID,
  PROP_SENDER_NAME,
  PROP_LOCATION,
  PROP_MESSAGE_ID,
  PROP_SOURCE,
  PROP_UNIQUE_ID,
  PROP_ACCOUNT,
  PROP_LINKS,
  PROP_REPLY_TO,
  PROP_PEOPLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kith_timeline_item_finalize (GObject *object)
{
  KithTimelineItem *self = KITH_TIMELINE_ITEM (object);

  g_free (self->subject);
  g_free (self->preview);
  g_free (self->body);
  g_free (self->body_type);
  g_free (self->thread_id);
  g_free (self->sender_name);
  g_free (self->location);
  g_free (self->message_id);
  g_free (self->source);
  g_free (self->unique_id);
  g_free (self->account);
  g_strfreev (self->links);
  g_strfreev (self->reply_to);
  g_clear_object (&self->people);

  G_OBJECT_CLASS (kith_timeline_item_parent_class)->finalize (object);
}

static void
set_links (KithTimelineItem   *self,
           const char * const *links)
{
  if (kith_set_strv (&self->links, links))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LINKS]);
}

static void
set_reply_to (KithTimelineItem   *self,
              const char * const *reply_to)
{
  if (kith_set_strv (&self->reply_to, reply_to))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPLY_TO]);
}

/* Construct-only: who took part is read with the item */
static void
set_people (KithTimelineItem *self,
            GListModel       *people)
{
  self->people = people != NULL ? g_object_ref (people) : G_LIST_MODEL (g_list_store_new (KITH_TYPE_TIMELINE_PERSON));
}

static void
kith_timeline_item_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  KithTimelineItem *self = KITH_TIMELINE_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_int64 (value, self->id); break;
    case PROP_STYLE: g_value_set_enum (value, self->style); break;
    case PROP_DATE: g_value_set_int64 (value, self->date); break;
    case PROP_SUBJECT: g_value_set_string (value, self->subject); break;
    case PROP_PREVIEW: g_value_set_string (value, self->preview); break;
    case PROP_BODY: g_value_set_string (value, self->body); break;
    case PROP_BODY_TYPE: g_value_set_string (value, self->body_type); break;
    case PROP_DIRECTION: g_value_set_enum (value, self->direction); break;
    case PROP_OUTCOME: g_value_set_enum (value, self->outcome); break;
    case PROP_DURATION: g_value_set_int64 (value, self->duration); break;
    case PROP_THREAD_ID: g_value_set_string (value, self->thread_id); break;
    case PROP_SENDER_NAME: g_value_set_string (value, self->sender_name); break;
    case PROP_LOCATION: g_value_set_string (value, self->location); break;
    case PROP_MESSAGE_ID: g_value_set_string (value, self->message_id); break;
    case PROP_SOURCE: g_value_set_string (value, self->source); break;
    case PROP_UNIQUE_ID: g_value_set_string (value, self->unique_id); break;
    case PROP_ACCOUNT: g_value_set_string (value, self->account); break;
    case PROP_LINKS: g_value_set_boxed (value, self->links); break;
    case PROP_REPLY_TO: g_value_set_boxed (value, self->reply_to); break;
    case PROP_PEOPLE: g_value_set_object (value, self->people); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_timeline_item_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  KithTimelineItem *self = KITH_TIMELINE_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID: self->id = g_value_get_int64 (value); break;
    case PROP_STYLE: self->style = g_value_get_enum (value); break;
    case PROP_DATE: kith_object_set_int64 (G_OBJECT (self), &self->date, g_value_get_int64 (value), properties[PROP_DATE]); break;
    case PROP_SUBJECT: kith_object_set_string (G_OBJECT (self), &self->subject, g_value_get_string (value), properties[PROP_SUBJECT]); break;
    case PROP_PREVIEW: kith_object_set_string (G_OBJECT (self), &self->preview, g_value_get_string (value), properties[PROP_PREVIEW]); break;
    case PROP_BODY: kith_object_set_string (G_OBJECT (self), &self->body, g_value_get_string (value), properties[PROP_BODY]); break;
    case PROP_BODY_TYPE: kith_object_set_string (G_OBJECT (self), &self->body_type, g_value_get_string (value), properties[PROP_BODY_TYPE]); break;
    case PROP_DIRECTION: kith_timeline_item_set_direction (self, g_value_get_enum (value)); break;
    case PROP_OUTCOME: kith_timeline_item_set_outcome (self, g_value_get_enum (value)); break;
    case PROP_DURATION: kith_object_set_int64 (G_OBJECT (self), &self->duration, g_value_get_int64 (value), properties[PROP_DURATION]); break;
    case PROP_THREAD_ID: kith_object_set_string (G_OBJECT (self), &self->thread_id, g_value_get_string (value), properties[PROP_THREAD_ID]); break;
    case PROP_SENDER_NAME: kith_object_set_string (G_OBJECT (self), &self->sender_name, g_value_get_string (value), properties[PROP_SENDER_NAME]); break;
    case PROP_LOCATION: kith_object_set_string (G_OBJECT (self), &self->location, g_value_get_string (value), properties[PROP_LOCATION]); break;
    case PROP_MESSAGE_ID: kith_object_set_string (G_OBJECT (self), &self->message_id, g_value_get_string (value), properties[PROP_MESSAGE_ID]); break;
    case PROP_SOURCE: kith_object_set_string (G_OBJECT (self), &self->source, g_value_get_string (value), properties[PROP_SOURCE]); break;
    case PROP_UNIQUE_ID: kith_object_set_string (G_OBJECT (self), &self->unique_id, g_value_get_string (value), properties[PROP_UNIQUE_ID]); break;
    case PROP_ACCOUNT: kith_object_set_string (G_OBJECT (self), &self->account, g_value_get_string (value), properties[PROP_ACCOUNT]); break;
    case PROP_LINKS: set_links (self, g_value_get_boxed (value)); break;
    case PROP_REPLY_TO: set_reply_to (self, g_value_get_boxed (value)); break;
    case PROP_PEOPLE: set_people (self, g_value_get_object (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
enum_property (const char *name,
               GType       type)
{
  return g_param_spec_enum (name, NULL, NULL, type, 0,
                            G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static void
kith_timeline_item_class_init (KithTimelineItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kith_timeline_item_finalize;
  object_class->get_property = kith_timeline_item_get_property;
  object_class->set_property = kith_timeline_item_set_property;

  /* 0 until stored */
  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                                            G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STYLE] = g_param_spec_enum ("style", NULL, NULL, KITH_TYPE_TIMELINE_STYLE, KITH_TIMELINE_STYLE_NOTE,
                                              G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* ms since the epoch; 0 for "now" when adding */
  properties[PROP_DATE] = kith_param_spec_int64 ("date");
  properties[PROP_SUBJECT] = kith_param_spec_string ("subject");
  properties[PROP_PREVIEW] = kith_param_spec_string ("preview");
  properties[PROP_BODY] = kith_param_spec_string ("body");
  /* "text" or "html" */
  properties[PROP_BODY_TYPE] = kith_param_spec_string ("body-type");
  properties[PROP_DIRECTION] = enum_property ("direction", KITH_TYPE_DIRECTION);
  properties[PROP_OUTCOME] = enum_property ("outcome", KITH_TYPE_CALL_OUTCOME);
  /* A call's or meeting's length in seconds; -1 when not known */
  properties[PROP_DURATION] = g_param_spec_int64 ("duration", NULL, NULL, -1, G_MAXINT64, -1,
                                                  G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                                  G_PARAM_STATIC_STRINGS);
  /* Emails of one conversation share it */
  properties[PROP_THREAD_ID] = kith_param_spec_string ("thread-id");
  /* Who it is from, by name, when known */
  properties[PROP_SENDER_NAME] = kith_param_spec_string ("sender-name");
  properties[PROP_LOCATION] = kith_param_spec_string ("location");
  /* The email's Message-ID */
  properties[PROP_MESSAGE_ID] = kith_param_spec_string ("message-id");
  /* The app that logged it and its id there (docs/json.md) */
  properties[PROP_SOURCE] = kith_param_spec_string ("source");
  properties[PROP_UNIQUE_ID] = kith_param_spec_string ("unique-id");
  /* The mail account it came through */
  properties[PROP_ACCOUNT] = kith_param_spec_string ("account");
  /* Addresses it links to */
  properties[PROP_LINKS] = g_param_spec_boxed ("links", NULL, NULL, G_TYPE_STRV,
                                               G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* An email's Reply-To: where a reply goes instead of its sender */
  properties[PROP_REPLY_TO] = g_param_spec_boxed ("reply-to", NULL, NULL, G_TYPE_STRV,
                                                  G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Who took part, as KithTimelinePerson, in the order the item names them */
  properties[PROP_PEOPLE] = g_param_spec_object ("people", NULL, NULL, G_TYPE_LIST_MODEL,
                                                 G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kith_timeline_item_init (KithTimelineItem *self)
{
  self->duration = -1;
}

/**
 * kith_timeline_item_new:
 *
 * Returns: (transfer full): an item to fill in and add, dated when it is added
 */
KithTimelineItem *
kith_timeline_item_new (KithTimelineStyle style)
{
  return g_object_new (KITH_TYPE_TIMELINE_ITEM, "style", style, NULL);
}

gint64
kith_timeline_item_get_id (KithTimelineItem *self)
{
  g_return_val_if_fail (KITH_IS_TIMELINE_ITEM (self), 0);

  return self->id;
}

KithTimelineStyle
kith_timeline_item_get_style (KithTimelineItem *self)
{
  g_return_val_if_fail (KITH_IS_TIMELINE_ITEM (self), KITH_TIMELINE_STYLE_NOTE);

  return self->style;
}

gint64
kith_timeline_item_get_date (KithTimelineItem *self)
{
  g_return_val_if_fail (KITH_IS_TIMELINE_ITEM (self), 0);

  return self->date;
}

const char *
kith_timeline_item_get_subject (KithTimelineItem *self)
{
  g_return_val_if_fail (KITH_IS_TIMELINE_ITEM (self), NULL);

  return self->subject;
}

void
kith_timeline_item_set_subject (KithTimelineItem *self,
                                const char       *subject)
{
  g_return_if_fail (KITH_IS_TIMELINE_ITEM (self));

  kith_object_set_string (G_OBJECT (self), &self->subject, subject, properties[PROP_SUBJECT]);
}

const char *
kith_timeline_item_get_preview (KithTimelineItem *self)
{
  g_return_val_if_fail (KITH_IS_TIMELINE_ITEM (self), NULL);

  return self->preview;
}

const char *
kith_timeline_item_get_body (KithTimelineItem *self)
{
  g_return_val_if_fail (KITH_IS_TIMELINE_ITEM (self), NULL);

  return self->body;
}

void
kith_timeline_item_set_body (KithTimelineItem *self,
                             const char       *body)
{
  g_return_if_fail (KITH_IS_TIMELINE_ITEM (self));

  kith_object_set_string (G_OBJECT (self), &self->body, body, properties[PROP_BODY]);
}

/**
 * kith_timeline_item_get_body_type:
 *
 * Returns: (nullable): "html", "text", or %NULL for text
 */
const char *
kith_timeline_item_get_body_type (KithTimelineItem *self)
{
  g_return_val_if_fail (KITH_IS_TIMELINE_ITEM (self), NULL);

  return self->body_type;
}

KithDirection
kith_timeline_item_get_direction (KithTimelineItem *self)
{
  g_return_val_if_fail (KITH_IS_TIMELINE_ITEM (self), KITH_DIRECTION_NONE);

  return self->direction;
}

void
kith_timeline_item_set_direction (KithTimelineItem *self,
                                  KithDirection     direction)
{
  g_return_if_fail (KITH_IS_TIMELINE_ITEM (self));

  if (self->direction == direction)
    return;
  self->direction = direction;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRECTION]);
}

KithCallOutcome
kith_timeline_item_get_outcome (KithTimelineItem *self)
{
  g_return_val_if_fail (KITH_IS_TIMELINE_ITEM (self), KITH_CALL_OUTCOME_NONE);

  return self->outcome;
}

void
kith_timeline_item_set_outcome (KithTimelineItem *self,
                                KithCallOutcome   outcome)
{
  g_return_if_fail (KITH_IS_TIMELINE_ITEM (self));

  if (self->outcome == outcome)
    return;
  self->outcome = outcome;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OUTCOME]);
}

gint64
kith_timeline_item_get_duration (KithTimelineItem *self)
{
  g_return_val_if_fail (KITH_IS_TIMELINE_ITEM (self), 0);

  return self->duration;
}

void
kith_timeline_item_set_duration (KithTimelineItem *self,
                                 gint64            seconds)
{
  g_return_if_fail (KITH_IS_TIMELINE_ITEM (self));

  kith_object_set_int64 (G_OBJECT (self), &self->duration, seconds, properties[PROP_DURATION]);
}

const char *
kith_timeline_item_get_thread_id (KithTimelineItem *self)
{
  g_return_val_if_fail (KITH_IS_TIMELINE_ITEM (self), NULL);

  return self->thread_id;
}

const char *
kith_timeline_item_get_sender_name (KithTimelineItem *self)
{
  g_return_val_if_fail (KITH_IS_TIMELINE_ITEM (self), NULL);

  return self->sender_name;
}

const char *
kith_timeline_item_get_location (KithTimelineItem *self)
{
  g_return_val_if_fail (KITH_IS_TIMELINE_ITEM (self), NULL);

  return self->location;
}

const char *
kith_timeline_item_get_message_id (KithTimelineItem *self)
{
  g_return_val_if_fail (KITH_IS_TIMELINE_ITEM (self), NULL);

  return self->message_id;
}

const char *
kith_timeline_item_get_source (KithTimelineItem *self)
{
  g_return_val_if_fail (KITH_IS_TIMELINE_ITEM (self), NULL);

  return self->source;
}

const char *
kith_timeline_item_get_unique_id (KithTimelineItem *self)
{
  g_return_val_if_fail (KITH_IS_TIMELINE_ITEM (self), NULL);

  return self->unique_id;
}

const char *
kith_timeline_item_get_account (KithTimelineItem *self)
{
  g_return_val_if_fail (KITH_IS_TIMELINE_ITEM (self), NULL);

  return self->account;
}

/**
 * kith_timeline_item_get_links:
 *
 * Returns: (nullable) (transfer none): the addresses it links to; %NULL when it has none
 */
const char * const *
kith_timeline_item_get_links (KithTimelineItem *self)
{
  g_return_val_if_fail (KITH_IS_TIMELINE_ITEM (self), NULL);

  return (const char * const *) self->links;
}

/**
 * kith_timeline_item_get_reply_to:
 *
 * Returns: (nullable) (transfer none): an email's Reply-To addresses, each "Name <address>" or
 *   a bare address; %NULL when it has none
 */
const char * const *
kith_timeline_item_get_reply_to (KithTimelineItem *self)
{
  g_return_val_if_fail (KITH_IS_TIMELINE_ITEM (self), NULL);

  return (const char * const *) self->reply_to;
}

/**
 * kith_timeline_item_get_people:
 *
 * Returns: (transfer none): who took part, as #KithTimelinePerson
 */
GListModel *
kith_timeline_item_get_people (KithTimelineItem *self)
{
  g_return_val_if_fail (KITH_IS_TIMELINE_ITEM (self), NULL);

  return self->people;
}

/**
 * kith_timeline_item_update:
 * @from: the same item, read again
 *
 * Takes @from's values, notifying only what changed.
 */
void
kith_timeline_item_update (KithTimelineItem *self,
                           KithTimelineItem *from)
{
  g_return_if_fail (KITH_IS_TIMELINE_ITEM (self));
  g_return_if_fail (KITH_IS_TIMELINE_ITEM (from));

  kith_object_update (G_OBJECT (self), G_OBJECT (from), NULL);
}
