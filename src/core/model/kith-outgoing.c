/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithOutgoing: a message the user writes, from its first keystroke to the server's answer —
 * a row of `outgoing` (src/core/mail/kith-outbox.c stores it; docs/mail.md tells its states).
 * Addresses are kept as typed ("Ann Lee <ann@example.com>" or "ann@example.com"); times are
 * microseconds since the epoch.
 *
 * It has many properties and nothing but properties, so each is kept in a GValue of its
 * type, indexed by property id: one getter, one setter and one copy serve them all, and a
 * setter notifies only on a change.
 */

#define G_LOG_DOMAIN "KithOutgoing"

#include "config.h"

#include "kith-enums.h"
#include "kith-outgoing.h"

enum {
  PROP_0,
  PROP_ID,
  PROP_STATE,
  PROP_ACCOUNT,
  PROP_FROM_ADDRESS,
  PROP_FROM_NAME,
  PROP_TO,
  PROP_CC,
  PROP_BCC,
  PROP_SUBJECT,
  PROP_BODY_TEXT,
  PROP_BODY_HTML,
  PROP_ATTACHMENTS,
  PROP_IN_REPLY_TO,
  PROP_REFERENCES,
  PROP_MESSAGE_ID,
  PROP_DATE,
  PROP_SEND_AFTER,
  PROP_ATTEMPTS,
  PROP_ERROR,
  PROP_UPDATED,
  PROP_COMPLETES_STEP_PERSON,
  PROP_COMPLETES_STEP_KEY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

struct _KithOutgoing
{
  GObject  parent_instance;

  GValue   values[N_PROPS];   /* by property id; values[0] unused */
};

G_DEFINE_FINAL_TYPE (KithOutgoing, kith_outgoing, G_TYPE_OBJECT)

static void
kith_outgoing_finalize (GObject *object)
{
  KithOutgoing *self = (KithOutgoing *)object;

  for (guint i = PROP_0 + 1; i < N_PROPS; i++)
    g_value_unset (&self->values[i]);

  G_OBJECT_CLASS (kith_outgoing_parent_class)->finalize (object);
}

static void
kith_outgoing_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  KithOutgoing *self = KITH_OUTGOING (object);

  if (prop_id == PROP_0 || prop_id >= N_PROPS)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }

  g_value_copy (&self->values[prop_id], value);
}

/* g_param_values_cmp () compares lists of strings as pointers: compare their strings */
static gboolean
same_value (guint         prop_id,
            const GValue *a,
            const GValue *b)
{
  if (G_VALUE_HOLDS (a, G_TYPE_STRV))
    {
      const char * const *sa = g_value_get_boxed (a);
      const char * const *sb = g_value_get_boxed (b);

      return sa == NULL || sb == NULL ? sa == sb : g_strv_equal (sa, sb);
    }

  return g_param_values_cmp (properties[prop_id], a, b) == 0;
}

static void
kith_outgoing_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  KithOutgoing *self = KITH_OUTGOING (object);

  if (prop_id == PROP_0 || prop_id >= N_PROPS)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }

  if (same_value (prop_id, &self->values[prop_id], value))
    return;

  g_value_copy (value, &self->values[prop_id]);
  g_object_notify_by_pspec (object, pspec);
}

static GParamSpec *
string_property (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL,
                              G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static GParamSpec *
strv_property (const char *name)
{
  return g_param_spec_boxed (name, NULL, NULL, G_TYPE_STRV,
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static GParamSpec *
time_property (const char *name)
{
  return g_param_spec_int64 (name, NULL, NULL, 0, G_MAXINT64, 0,
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static void
kith_outgoing_class_init (KithOutgoingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kith_outgoing_finalize;
  object_class->get_property = kith_outgoing_get_property;
  object_class->set_property = kith_outgoing_set_property;

  /* 0 until saved */
  properties[PROP_ID] = time_property ("id");
  properties[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, KITH_TYPE_OUTGOING_STATE, KITH_OUTGOING_DRAFT,
                                              G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The evolution-data-server mail account's source UID, and the address (the account's or
   * an alias) and name the message is from */
  properties[PROP_ACCOUNT] = string_property ("account");
  properties[PROP_FROM_ADDRESS] = string_property ("from-address");
  properties[PROP_FROM_NAME] = string_property ("from-name");
  /* Addresses as typed: "Ann Lee <ann@example.com>" or "ann@example.com" */
  properties[PROP_TO] = strv_property ("to");
  properties[PROP_CC] = strv_property ("cc");
  properties[PROP_BCC] = strv_property ("bcc");
  properties[PROP_SUBJECT] = string_property ("subject");
  /* Always the plain text; the HTML is %NULL for a plain message */
  properties[PROP_BODY_TEXT] = string_property ("body-text");
  properties[PROP_BODY_HTML] = string_property ("body-html");
  /* File paths: the user's files while a draft, Kith's copies once queued */
  properties[PROP_ATTACHMENTS] = strv_property ("attachments");
  /* Header values of a reply, or %NULL */
  properties[PROP_IN_REPLY_TO] = string_property ("in-reply-to");
  properties[PROP_REFERENCES] = string_property ("references");
  /* "<…@domain>", set when queued */
  properties[PROP_MESSAGE_ID] = string_property ("message-id");
  /* µs since the epoch: the Date header (set when queued), when it may leave, the last write */
  properties[PROP_DATE] = time_property ("date");
  properties[PROP_SEND_AFTER] = time_property ("send-after");
  properties[PROP_ATTEMPTS] = g_param_spec_uint ("attempts", NULL, NULL, 0, G_MAXUINT, 0,
                                                 G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The server's text of the last failure, or %NULL */
  properties[PROP_ERROR] = string_property ("error");
  properties[PROP_UPDATED] = time_property ("updated");
  /* A next step's email (docs/merge.md): sent, it moves this person (a record id, 0 for none)
   * on from this step (its key) when they are still on it */
  properties[PROP_COMPLETES_STEP_PERSON] = time_property ("completes-step-person");
  properties[PROP_COMPLETES_STEP_KEY] = string_property ("completes-step-key");
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kith_outgoing_init (KithOutgoing *self)
{
  for (guint i = PROP_0 + 1; i < N_PROPS; i++)
    {
      g_value_init (&self->values[i], properties[i]->value_type);
      g_param_value_set_default (properties[i], &self->values[i]);
    }
}

/**
 * kith_outgoing_new:
 *
 * Returns: (transfer full): an empty draft, not saved yet
 */
KithOutgoing *
kith_outgoing_new (void)
{
  return g_object_new (KITH_TYPE_OUTGOING, NULL);
}

/**
 * kith_outgoing_copy:
 *
 * Returns: (transfer full): a new object with @self's properties, for a job on the store's
 *   worker while @self stays with its widgets
 */
KithOutgoing *
kith_outgoing_copy (KithOutgoing *self)
{
  KithOutgoing *copy;

  g_return_val_if_fail (KITH_IS_OUTGOING (self), NULL);

  copy = kith_outgoing_new ();
  for (guint i = PROP_0 + 1; i < N_PROPS; i++)
    g_value_copy (&self->values[i], &copy->values[i]);

  return copy;
}

static void
set_value (KithOutgoing *self,
           guint         prop_id,
           const GValue *value)
{
  g_object_set_property (G_OBJECT (self), properties[prop_id]->name, value);
}

static void
set_string (KithOutgoing *self,
            guint         prop_id,
            const char   *text)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_return_if_fail (KITH_IS_OUTGOING (self));

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, text);
  set_value (self, prop_id, &value);
}

static void
set_strv (KithOutgoing       *self,
          guint               prop_id,
          const char * const *strv)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_return_if_fail (KITH_IS_OUTGOING (self));

  g_value_init (&value, G_TYPE_STRV);
  g_value_set_boxed (&value, strv);
  set_value (self, prop_id, &value);
}

static void
set_int64 (KithOutgoing *self,
           guint         prop_id,
           gint64        number)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_return_if_fail (KITH_IS_OUTGOING (self));

  g_value_init (&value, G_TYPE_INT64);
  g_value_set_int64 (&value, number);
  set_value (self, prop_id, &value);
}

static const char *
get_string (KithOutgoing *self,
            guint         prop_id)
{
  g_return_val_if_fail (KITH_IS_OUTGOING (self), NULL);

  return g_value_get_string (&self->values[prop_id]);
}

static const char * const *
get_strv (KithOutgoing *self,
          guint         prop_id)
{
  g_return_val_if_fail (KITH_IS_OUTGOING (self), NULL);

  return g_value_get_boxed (&self->values[prop_id]);
}

static gint64
get_int64 (KithOutgoing *self,
           guint         prop_id)
{
  g_return_val_if_fail (KITH_IS_OUTGOING (self), 0);

  return g_value_get_int64 (&self->values[prop_id]);
}

gint64
kith_outgoing_get_id (KithOutgoing *self)
{
  return get_int64 (self, PROP_ID);
}

void
kith_outgoing_set_id (KithOutgoing *self,
                      gint64        id)
{
  set_int64 (self, PROP_ID, id);
}

KithOutgoingState
kith_outgoing_get_state (KithOutgoing *self)
{
  g_return_val_if_fail (KITH_IS_OUTGOING (self), KITH_OUTGOING_DRAFT);

  return g_value_get_enum (&self->values[PROP_STATE]);
}

void
kith_outgoing_set_state (KithOutgoing      *self,
                         KithOutgoingState  state)
{
  g_return_if_fail (KITH_IS_OUTGOING (self));

  g_object_set (self, "state", state, NULL);
}

const char *
kith_outgoing_get_account (KithOutgoing *self)
{
  return get_string (self, PROP_ACCOUNT);
}

void
kith_outgoing_set_account (KithOutgoing *self,
                           const char   *account)
{
  set_string (self, PROP_ACCOUNT, account);
}

const char *
kith_outgoing_get_from_address (KithOutgoing *self)
{
  return get_string (self, PROP_FROM_ADDRESS);
}

void
kith_outgoing_set_from_address (KithOutgoing *self,
                                const char   *address)
{
  set_string (self, PROP_FROM_ADDRESS, address);
}

const char *
kith_outgoing_get_from_name (KithOutgoing *self)
{
  return get_string (self, PROP_FROM_NAME);
}

void
kith_outgoing_set_from_name (KithOutgoing *self,
                             const char   *name)
{
  set_string (self, PROP_FROM_NAME, name);
}

/**
 * kith_outgoing_get_to:
 *
 * Returns: (transfer none) (nullable): the To addresses, as typed
 */
const char * const *
kith_outgoing_get_to (KithOutgoing *self)
{
  return get_strv (self, PROP_TO);
}

void
kith_outgoing_set_to (KithOutgoing       *self,
                      const char * const *to)
{
  set_strv (self, PROP_TO, to);
}

/**
 * kith_outgoing_get_cc:
 *
 * Returns: (transfer none) (nullable): the Cc addresses, as typed
 */
const char * const *
kith_outgoing_get_cc (KithOutgoing *self)
{
  return get_strv (self, PROP_CC);
}

void
kith_outgoing_set_cc (KithOutgoing       *self,
                      const char * const *cc)
{
  set_strv (self, PROP_CC, cc);
}

/**
 * kith_outgoing_get_bcc:
 *
 * Returns: (transfer none) (nullable): the Bcc addresses, as typed
 */
const char * const *
kith_outgoing_get_bcc (KithOutgoing *self)
{
  return get_strv (self, PROP_BCC);
}

void
kith_outgoing_set_bcc (KithOutgoing       *self,
                       const char * const *bcc)
{
  set_strv (self, PROP_BCC, bcc);
}

const char *
kith_outgoing_get_subject (KithOutgoing *self)
{
  return get_string (self, PROP_SUBJECT);
}

void
kith_outgoing_set_subject (KithOutgoing *self,
                           const char   *subject)
{
  set_string (self, PROP_SUBJECT, subject);
}

const char *
kith_outgoing_get_body_text (KithOutgoing *self)
{
  return get_string (self, PROP_BODY_TEXT);
}

void
kith_outgoing_set_body_text (KithOutgoing *self,
                             const char   *text)
{
  set_string (self, PROP_BODY_TEXT, text);
}

/**
 * kith_outgoing_get_body_html:
 *
 * Returns: (nullable): the formatted body, or %NULL for a plain text message
 */
const char *
kith_outgoing_get_body_html (KithOutgoing *self)
{
  return get_string (self, PROP_BODY_HTML);
}

void
kith_outgoing_set_body_html (KithOutgoing *self,
                             const char   *html)
{
  set_string (self, PROP_BODY_HTML, html);
}

/**
 * kith_outgoing_get_attachments:
 *
 * Returns: (transfer none) (nullable): the paths of the files attached
 */
const char * const *
kith_outgoing_get_attachments (KithOutgoing *self)
{
  return get_strv (self, PROP_ATTACHMENTS);
}

void
kith_outgoing_set_attachments (KithOutgoing       *self,
                               const char * const *paths)
{
  set_strv (self, PROP_ATTACHMENTS, paths);
}

const char *
kith_outgoing_get_in_reply_to (KithOutgoing *self)
{
  return get_string (self, PROP_IN_REPLY_TO);
}

void
kith_outgoing_set_in_reply_to (KithOutgoing *self,
                               const char   *in_reply_to)
{
  set_string (self, PROP_IN_REPLY_TO, in_reply_to);
}

const char *
kith_outgoing_get_references (KithOutgoing *self)
{
  return get_string (self, PROP_REFERENCES);
}

void
kith_outgoing_set_references (KithOutgoing *self,
                              const char   *references)
{
  set_string (self, PROP_REFERENCES, references);
}

const char *
kith_outgoing_get_message_id (KithOutgoing *self)
{
  return get_string (self, PROP_MESSAGE_ID);
}

void
kith_outgoing_set_message_id (KithOutgoing *self,
                              const char   *message_id)
{
  set_string (self, PROP_MESSAGE_ID, message_id);
}

gint64
kith_outgoing_get_date (KithOutgoing *self)
{
  return get_int64 (self, PROP_DATE);
}

void
kith_outgoing_set_date (KithOutgoing *self,
                        gint64        date)
{
  set_int64 (self, PROP_DATE, date);
}

gint64
kith_outgoing_get_send_after (KithOutgoing *self)
{
  return get_int64 (self, PROP_SEND_AFTER);
}

void
kith_outgoing_set_send_after (KithOutgoing *self,
                              gint64        send_after)
{
  set_int64 (self, PROP_SEND_AFTER, send_after);
}

guint
kith_outgoing_get_attempts (KithOutgoing *self)
{
  g_return_val_if_fail (KITH_IS_OUTGOING (self), 0);

  return g_value_get_uint (&self->values[PROP_ATTEMPTS]);
}

void
kith_outgoing_set_attempts (KithOutgoing *self,
                            guint         attempts)
{
  g_return_if_fail (KITH_IS_OUTGOING (self));

  g_object_set (self, "attempts", attempts, NULL);
}

/**
 * kith_outgoing_get_error:
 *
 * Returns: (nullable): the server's text of the last failure
 */
const char *
kith_outgoing_get_error (KithOutgoing *self)
{
  return get_string (self, PROP_ERROR);
}

void
kith_outgoing_set_error (KithOutgoing *self,
                         const char   *error)
{
  set_string (self, PROP_ERROR, error);
}

gint64
kith_outgoing_get_updated (KithOutgoing *self)
{
  return get_int64 (self, PROP_UPDATED);
}

void
kith_outgoing_set_updated (KithOutgoing *self,
                           gint64        updated)
{
  set_int64 (self, PROP_UPDATED, updated);
}

/**
 * kith_outgoing_get_completes_step_person:
 *
 * Returns: the person whose next step this message completes once sent, or 0
 */
gint64
kith_outgoing_get_completes_step_person (KithOutgoing *self)
{
  return get_int64 (self, PROP_COMPLETES_STEP_PERSON);
}

/**
 * kith_outgoing_get_completes_step_key:
 *
 * Returns: (nullable): the key of the step it completes
 */
const char *
kith_outgoing_get_completes_step_key (KithOutgoing *self)
{
  return get_string (self, PROP_COMPLETES_STEP_KEY);
}

/**
 * kith_outgoing_set_completes_step:
 * @person_id: a person, or 0 for none
 * @step_key: (nullable): the key of their step the message completes once sent
 */
void
kith_outgoing_set_completes_step (KithOutgoing *self,
                                  gint64        person_id,
                                  const char   *step_key)
{
  set_int64 (self, PROP_COMPLETES_STEP_PERSON, step_key != NULL ? person_id : 0);
  set_string (self, PROP_COMPLETES_STEP_KEY, person_id != 0 ? step_key : NULL);
}
