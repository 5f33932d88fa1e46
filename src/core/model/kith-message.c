/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithMessage: a mail in the Inbox — inbound mail from a contact, still in INBOX on the server
 * and not yet handled. Its body is read only when the message is opened
 * (kith_store_load_message_body_async()), so a list of them stays cheap.
 */

#define G_LOG_DOMAIN "KithMessage"

#include "config.h"

#include "kith-message.h"
#include "kith-object-util.h"
#include "kith-timeline-item.h"
#include "kith-timeline-person.h"

struct _KithMessage
{
  GObject   parent_instance;

  gint64    id;
  char     *subject;
  char     *preview;
  gint64    date;
  char     *sender_name;
  char     *sender_address;
  gint64    record_id;
  char     *account;
  char     *body;
  char     *body_type;
  gboolean  done;
  gint64    snoozed_until;
  char     *message_id;
  char     *thread_id;
  GStrv     to;
  GStrv     cc;
  GStrv     reply_to;
};

G_DEFINE_FINAL_TYPE (KithMessage, kith_message, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_SUBJECT,
  PROP_PREVIEW,
  PROP_DATE,
  PROP_SENDER_NAME,
  PROP_SENDER_ADDRESS,
  PROP_RECORD_ID,
  PROP_ACCOUNT,
  PROP_BODY,
  PROP_BODY_TYPE,
  PROP_DONE,
  PROP_SNOOZED_UNTIL,
  PROP_MESSAGE_ID,
  PROP_THREAD_ID,
  PROP_TO,
  PROP_CC,
  PROP_REPLY_TO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kith_message_finalize (GObject *object)
{
  KithMessage *self = KITH_MESSAGE (object);

  g_free (self->subject);
  g_free (self->preview);
  g_free (self->sender_name);
  g_free (self->sender_address);
  g_free (self->account);
  g_free (self->body);
  g_free (self->body_type);
  g_free (self->message_id);
  g_free (self->thread_id);
  g_strfreev (self->to);
  g_strfreev (self->cc);
  g_strfreev (self->reply_to);

  G_OBJECT_CLASS (kith_message_parent_class)->finalize (object);
}

static void
kith_message_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  KithMessage *self = KITH_MESSAGE (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_int64 (value, self->id); break;
    case PROP_SUBJECT: g_value_set_string (value, self->subject); break;
    case PROP_PREVIEW: g_value_set_string (value, self->preview); break;
    case PROP_DATE: g_value_set_int64 (value, self->date); break;
    case PROP_SENDER_NAME: g_value_set_string (value, self->sender_name); break;
    case PROP_SENDER_ADDRESS: g_value_set_string (value, self->sender_address); break;
    case PROP_RECORD_ID: g_value_set_int64 (value, self->record_id); break;
    case PROP_ACCOUNT: g_value_set_string (value, self->account); break;
    case PROP_BODY: g_value_set_string (value, self->body); break;
    case PROP_BODY_TYPE: g_value_set_string (value, self->body_type); break;
    case PROP_DONE: g_value_set_boolean (value, self->done); break;
    case PROP_SNOOZED_UNTIL: g_value_set_int64 (value, self->snoozed_until); break;
    case PROP_MESSAGE_ID: g_value_set_string (value, self->message_id); break;
    case PROP_THREAD_ID: g_value_set_string (value, self->thread_id); break;
    case PROP_TO: g_value_set_boxed (value, self->to); break;
    case PROP_CC: g_value_set_boxed (value, self->cc); break;
    case PROP_REPLY_TO: g_value_set_boxed (value, self->reply_to); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_message_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  KithMessage *self = KITH_MESSAGE (object);

  switch (prop_id)
    {
    case PROP_ID: self->id = g_value_get_int64 (value); break;
    case PROP_SUBJECT: kith_message_set_subject (self, g_value_get_string (value)); break;
    case PROP_PREVIEW: kith_message_set_preview (self, g_value_get_string (value)); break;
    case PROP_DATE: kith_message_set_date (self, g_value_get_int64 (value)); break;
    case PROP_SENDER_NAME: kith_message_set_sender_name (self, g_value_get_string (value)); break;
    case PROP_SENDER_ADDRESS: kith_message_set_sender_address (self, g_value_get_string (value)); break;
    case PROP_RECORD_ID: kith_message_set_record_id (self, g_value_get_int64 (value)); break;
    case PROP_ACCOUNT: kith_message_set_account (self, g_value_get_string (value)); break;
    case PROP_BODY: kith_message_set_body (self, g_value_get_string (value), self->body_type); break;
    case PROP_BODY_TYPE: kith_object_set_string (G_OBJECT (self), &self->body_type, g_value_get_string (value), properties[PROP_BODY_TYPE]); break;
    case PROP_DONE: kith_message_set_done (self, g_value_get_boolean (value)); break;
    case PROP_SNOOZED_UNTIL: kith_message_set_snoozed_until (self, g_value_get_int64 (value)); break;
    case PROP_MESSAGE_ID: kith_object_set_string (G_OBJECT (self), &self->message_id, g_value_get_string (value), pspec); break;
    case PROP_THREAD_ID: kith_object_set_string (G_OBJECT (self), &self->thread_id, g_value_get_string (value), pspec); break;
    case PROP_TO: kith_message_set_recipients (self, g_value_get_boxed (value), (const char * const *) self->cc); break;
    case PROP_CC: kith_message_set_recipients (self, (const char * const *) self->to, g_value_get_boxed (value)); break;
    case PROP_REPLY_TO: kith_message_set_reply_to (self, g_value_get_boxed (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_message_class_init (KithMessageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kith_message_finalize;
  object_class->get_property = kith_message_get_property;
  object_class->set_property = kith_message_set_property;

  /* The message's timeline item */
  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                                            G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBJECT] = kith_param_spec_string ("subject");
  properties[PROP_PREVIEW] = kith_param_spec_string ("preview");
  /* When it was sent, in ms since the epoch */
  properties[PROP_DATE] = kith_param_spec_int64 ("date");
  properties[PROP_SENDER_NAME] = kith_param_spec_string ("sender-name");
  properties[PROP_SENDER_ADDRESS] = kith_param_spec_string ("sender-address");
  /* The sender's record, 0 when the sender is no contact */
  properties[PROP_RECORD_ID] = kith_param_spec_int64 ("record-id");
  /* The mail account (an evolution-data-server source UID) it came to */
  properties[PROP_ACCOUNT] = kith_param_spec_string ("account");
  /* NULL until loaded */
  properties[PROP_BODY] = kith_param_spec_string ("body");
  /* "text" or "html" */
  properties[PROP_BODY_TYPE] = kith_param_spec_string ("body-type");
  properties[PROP_DONE] = g_param_spec_boolean ("done", NULL, NULL, FALSE,
                                                G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Out of the Inbox until then (ms), 0 when not snoozed */
  properties[PROP_SNOOZED_UNTIL] = kith_param_spec_int64 ("snoozed-until");
  /* Its Message-ID header, with the angle brackets: what a reply's In-Reply-To names */
  properties[PROP_MESSAGE_ID] = kith_param_spec_string ("message-id");
  /* The Message-ID of its thread's first message (kith_mail_thread_id()): the index keeps no
   * References, so a reply's References start from it */
  properties[PROP_THREAD_ID] = kith_param_spec_string ("thread-id");
  /* Its To and Cc, each "Name <address>" or "address"; NULL until loaded with the body */
  properties[PROP_TO] = g_param_spec_boxed ("to", NULL, NULL, G_TYPE_STRV,
                                            G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CC] = g_param_spec_boxed ("cc", NULL, NULL, G_TYPE_STRV,
                                            G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Its Reply-To, where a reply goes instead of the sender; NULL when it has none or until
   * loaded with the body */
  properties[PROP_REPLY_TO] = g_param_spec_boxed ("reply-to", NULL, NULL, G_TYPE_STRV,
                                                  G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kith_message_init (KithMessage *self)
{
}

KithMessage *
kith_message_new (gint64 id)
{
  return g_object_new (KITH_TYPE_MESSAGE, "id", id, NULL);
}

gint64
kith_message_get_id (KithMessage *self)
{
  g_return_val_if_fail (KITH_IS_MESSAGE (self), 0);

  return self->id;
}

const char *
kith_message_get_subject (KithMessage *self)
{
  g_return_val_if_fail (KITH_IS_MESSAGE (self), NULL);

  return self->subject;
}

void
kith_message_set_subject (KithMessage *self,
                          const char  *subject)
{
  g_return_if_fail (KITH_IS_MESSAGE (self));

  kith_object_set_string (G_OBJECT (self), &self->subject, subject, properties[PROP_SUBJECT]);
}

const char *
kith_message_get_preview (KithMessage *self)
{
  g_return_val_if_fail (KITH_IS_MESSAGE (self), NULL);

  return self->preview;
}

void
kith_message_set_preview (KithMessage *self,
                          const char  *preview)
{
  g_return_if_fail (KITH_IS_MESSAGE (self));

  kith_object_set_string (G_OBJECT (self), &self->preview, preview, properties[PROP_PREVIEW]);
}

gint64
kith_message_get_date (KithMessage *self)
{
  g_return_val_if_fail (KITH_IS_MESSAGE (self), 0);

  return self->date;
}

void
kith_message_set_date (KithMessage *self,
                       gint64       date)
{
  g_return_if_fail (KITH_IS_MESSAGE (self));

  kith_object_set_int64 (G_OBJECT (self), &self->date, date, properties[PROP_DATE]);
}

const char *
kith_message_get_sender_name (KithMessage *self)
{
  g_return_val_if_fail (KITH_IS_MESSAGE (self), NULL);

  return self->sender_name;
}

void
kith_message_set_sender_name (KithMessage *self,
                              const char  *name)
{
  g_return_if_fail (KITH_IS_MESSAGE (self));

  kith_object_set_string (G_OBJECT (self), &self->sender_name, name, properties[PROP_SENDER_NAME]);
}

const char *
kith_message_get_sender_address (KithMessage *self)
{
  g_return_val_if_fail (KITH_IS_MESSAGE (self), NULL);

  return self->sender_address;
}

void
kith_message_set_sender_address (KithMessage *self,
                                 const char  *address)
{
  g_return_if_fail (KITH_IS_MESSAGE (self));

  kith_object_set_string (G_OBJECT (self), &self->sender_address, address, properties[PROP_SENDER_ADDRESS]);
}

gint64
kith_message_get_record_id (KithMessage *self)
{
  g_return_val_if_fail (KITH_IS_MESSAGE (self), 0);

  return self->record_id;
}

void
kith_message_set_record_id (KithMessage *self,
                            gint64       record_id)
{
  g_return_if_fail (KITH_IS_MESSAGE (self));

  kith_object_set_int64 (G_OBJECT (self), &self->record_id, record_id, properties[PROP_RECORD_ID]);
}

const char *
kith_message_get_account (KithMessage *self)
{
  g_return_val_if_fail (KITH_IS_MESSAGE (self), NULL);

  return self->account;
}

void
kith_message_set_account (KithMessage *self,
                          const char  *account)
{
  g_return_if_fail (KITH_IS_MESSAGE (self));

  kith_object_set_string (G_OBJECT (self), &self->account, account, properties[PROP_ACCOUNT]);
}

/**
 * kith_message_get_body:
 *
 * Returns: (nullable): the body, %NULL until loaded
 */
const char *
kith_message_get_body (KithMessage *self)
{
  g_return_val_if_fail (KITH_IS_MESSAGE (self), NULL);

  return self->body;
}

const char *
kith_message_get_body_type (KithMessage *self)
{
  g_return_val_if_fail (KITH_IS_MESSAGE (self), NULL);

  return self->body_type != NULL ? self->body_type : "text";
}

/**
 * kith_message_set_body:
 * @body_type: (nullable): "text" or "html"
 *
 * Sets both at once, the type first: a view bound to ::notify::body shows the new body with
 * its own type.
 */
void
kith_message_set_body (KithMessage *self,
                       const char  *body,
                       const char  *body_type)
{
  g_return_if_fail (KITH_IS_MESSAGE (self));

  g_object_freeze_notify (G_OBJECT (self));
  kith_object_set_string (G_OBJECT (self), &self->body_type, body_type, properties[PROP_BODY_TYPE]);
  kith_object_set_string (G_OBJECT (self), &self->body, body, properties[PROP_BODY]);
  g_object_thaw_notify (G_OBJECT (self));
}

gboolean
kith_message_get_done (KithMessage *self)
{
  g_return_val_if_fail (KITH_IS_MESSAGE (self), FALSE);

  return self->done;
}

void
kith_message_set_done (KithMessage *self,
                       gboolean     done)
{
  g_return_if_fail (KITH_IS_MESSAGE (self));

  done = !!done;
  if (self->done == done)
    return;
  self->done = done;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DONE]);
}

gint64
kith_message_get_snoozed_until (KithMessage *self)
{
  g_return_val_if_fail (KITH_IS_MESSAGE (self), 0);

  return self->snoozed_until;
}

void
kith_message_set_snoozed_until (KithMessage *self,
                                gint64       until)
{
  g_return_if_fail (KITH_IS_MESSAGE (self));

  kith_object_set_int64 (G_OBJECT (self), &self->snoozed_until, until, properties[PROP_SNOOZED_UNTIL]);
}

/**
 * kith_message_get_message_id:
 *
 * Returns: (nullable): its Message-ID, with angle brackets
 */
const char *
kith_message_get_message_id (KithMessage *self)
{
  g_return_val_if_fail (KITH_IS_MESSAGE (self), NULL);

  return self->message_id;
}

/**
 * kith_message_get_thread_id:
 *
 * Returns: (nullable): the Message-ID of the first message of its thread
 */
const char *
kith_message_get_thread_id (KithMessage *self)
{
  g_return_val_if_fail (KITH_IS_MESSAGE (self), NULL);

  return self->thread_id;
}

/**
 * kith_message_get_to:
 *
 * Returns: (nullable) (transfer none): its To addresses, %NULL until loaded with the body
 */
const char * const *
kith_message_get_to (KithMessage *self)
{
  g_return_val_if_fail (KITH_IS_MESSAGE (self), NULL);

  return (const char * const *) self->to;
}

/**
 * kith_message_get_cc:
 *
 * Returns: (nullable) (transfer none): its Cc addresses, %NULL until loaded with the body
 */
const char * const *
kith_message_get_cc (KithMessage *self)
{
  g_return_val_if_fail (KITH_IS_MESSAGE (self), NULL);

  return (const char * const *) self->cc;
}

/**
 * kith_message_set_recipients:
 * @to: (nullable): "Name <address>" or "address" each
 * @cc: (nullable): the same
 */
void
kith_message_set_recipients (KithMessage        *self,
                             const char * const *to,
                             const char * const *cc)
{
  g_return_if_fail (KITH_IS_MESSAGE (self));

  if (kith_set_strv (&self->to, to))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TO]);
  if (kith_set_strv (&self->cc, cc))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CC]);
}

/**
 * kith_message_get_reply_to:
 *
 * Returns: (nullable) (transfer none): its Reply-To addresses, %NULL when it has none or until
 *   loaded with the body
 */
const char * const *
kith_message_get_reply_to (KithMessage *self)
{
  g_return_val_if_fail (KITH_IS_MESSAGE (self), NULL);

  return (const char * const *) self->reply_to;
}

/**
 * kith_message_set_reply_to:
 * @reply_to: (nullable): "Name <address>" or "address" each
 */
void
kith_message_set_reply_to (KithMessage        *self,
                           const char * const *reply_to)
{
  g_return_if_fail (KITH_IS_MESSAGE (self));

  if (kith_set_strv (&self->reply_to, reply_to))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPLY_TO]);
}

/**
 * kith_message_format_address:
 * @name: (nullable): a display name
 *
 * Returns: (transfer full): "Name <address>", the name quoted when it holds a comma or another
 *   character that would split it; only @address when there is no name
 */
char *
kith_message_format_address (const char *name,
                             const char *address)
{
  g_return_val_if_fail (address != NULL, NULL);

  if (name == NULL || *name == '\0')
    return g_strdup (address);
  if (strpbrk (name, ",;:<>@()[]\\\"") != NULL)
    {
      /* A quoted string escapes only its quote and backslash: the rest, accents too, stays */
      GString *quoted = g_string_new ("\"");

      for (const char *c = name; *c != '\0'; c++)
        {
          if (*c == '"' || *c == '\\')
            g_string_append_c (quoted, '\\');
          g_string_append_c (quoted, *c);
        }
      g_string_append_printf (quoted, "\" <%s>", address);
      return g_string_free (quoted, FALSE);
    }
  return g_strdup_printf ("%s <%s>", name, address);
}

/* The item's people in @role, as a header names them: "Name <address>" or "address" */
static GStrv
dup_people (KithTimelineItem *item,
            const char       *role)
{
  GListModel *people = kith_timeline_item_get_people (item);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n = people != NULL ? g_list_model_get_n_items (people) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KithTimelinePerson) person = g_list_model_get_item (people, i);
      const char *value = kith_timeline_person_get_value (person);
      const char *name = kith_timeline_person_get_name (person);
      g_autofree char *address = NULL;

      if (value == NULL || g_strcmp0 (kith_timeline_person_get_role (person), role) != 0)
        continue;
      address = kith_message_format_address (name, value);
      g_strv_builder_add (builder, address);
    }

  return g_strv_builder_end (builder);
}

/**
 * kith_message_load_item:
 * @item: the message's timeline item, read in full
 *
 * Takes from @item what the Inbox's list leaves out: the body (the preview when the item has
 * none), the To and Cc, and the Reply-To.
 */
void
kith_message_load_item (KithMessage      *self,
                        KithTimelineItem *item)
{
  const char *body;
  g_auto(GStrv) to = NULL;
  g_auto(GStrv) cc = NULL;

  g_return_if_fail (KITH_IS_MESSAGE (self));
  g_return_if_fail (KITH_IS_TIMELINE_ITEM (item));

  body = kith_timeline_item_get_body (item);
  to = dup_people (item, "to");
  cc = dup_people (item, "cc");
  kith_message_set_recipients (self, (const char * const *) to, (const char * const *) cc);
  kith_message_set_reply_to (self, kith_timeline_item_get_reply_to (item));
  kith_message_set_body (self, body != NULL ? body : kith_timeline_item_get_preview (item),
                         kith_timeline_item_get_body_type (item));
}

/* The address of who @item is from */
static const char *
find_sender (KithTimelineItem *item)
{
  GListModel *people = kith_timeline_item_get_people (item);
  guint n = people != NULL ? g_list_model_get_n_items (people) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KithTimelinePerson) person = g_list_model_get_item (people, i);

      if (g_strcmp0 (kith_timeline_person_get_role (person), "from") == 0)
        return kith_timeline_person_get_value (person);
    }

  return NULL;
}

/**
 * kith_message_new_for_item:
 * @item: an email on a timeline, read in full
 *
 * The message an email on a timeline is, for answering it as the Inbox does.
 *
 * Returns: (transfer full): a new message, its body and recipients loaded
 */
KithMessage *
kith_message_new_for_item (KithTimelineItem *item)
{
  KithMessage *self;

  g_return_val_if_fail (KITH_IS_TIMELINE_ITEM (item), NULL);

  /* The sender's address is borrowed from the item's people, which @item keeps alive */
  self = g_object_new (KITH_TYPE_MESSAGE,
                       "id", kith_timeline_item_get_id (item),
                       "subject", kith_timeline_item_get_subject (item),
                       "preview", kith_timeline_item_get_preview (item),
                       "date", kith_timeline_item_get_date (item),
                       "account", kith_timeline_item_get_account (item),
                       "sender-name", kith_timeline_item_get_sender_name (item),
                       "sender-address", find_sender (item),
                       "message-id", kith_timeline_item_get_message_id (item),
                       "thread-id", kith_timeline_item_get_thread_id (item),
                       NULL);
  kith_message_load_item (self, item);

  return self;
}

/**
 * kith_message_update:
 * @from: the same message, read again
 *
 * Takes what the Inbox list reads from @from, notifying only what changed, so that a row bound
 * to @self stays and shows the change. The body, loaded separately, is kept.
 */
void
kith_message_update (KithMessage *self,
                     KithMessage *from)
{
  static const char *const loaded_apart[] = { "body", "body-type", "to", "cc", "reply-to", NULL };

  g_return_if_fail (KITH_IS_MESSAGE (self));
  g_return_if_fail (KITH_IS_MESSAGE (from));

  kith_object_update (G_OBJECT (self), G_OBJECT (from), loaded_apart);
}
