/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithTemplate: an email template of the library — its name, subject and body with merge
 * fields (src/core/templates/, docs/templates.md), whether the body is HTML, the mail account
 * it is sent from (nullable: the composer's choice) and the files it attaches. Stored by
 * kith_store_template_save(); created and changed are set by the store (ms since the epoch).
 */

#define G_LOG_DOMAIN "KithTemplate"

#include "config.h"

#include "kith-enums.h"
#include "kith-object-util.h"
#include "kith-template.h"

struct _KithTemplate
{
  GObject               parent_instance;

  gint64                id;
  char                 *name;
  char                 *subject;
  char                 *body;
  KithTemplateBodyType  body_type;
  char                 *account;
  GStrv                 attachments;
  gint64                created;
  gint64                changed;
};

G_DEFINE_FINAL_TYPE (KithTemplate, kith_template, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_SUBJECT,
  PROP_BODY,
  PROP_BODY_TYPE,
  PROP_ACCOUNT,
  PROP_ATTACHMENTS,
  PROP_CREATED,
  PROP_CHANGED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kith_template_finalize (GObject *object)
{
  KithTemplate *self = (KithTemplate *)object;

  g_free (self->name);
  g_free (self->subject);
  g_free (self->body);
  g_free (self->account);
  g_strfreev (self->attachments);

  G_OBJECT_CLASS (kith_template_parent_class)->finalize (object);
}

static void
kith_template_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  KithTemplate *self = KITH_TEMPLATE (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_int64 (value, self->id); break;
    case PROP_NAME: g_value_set_string (value, self->name); break;
    case PROP_SUBJECT: g_value_set_string (value, self->subject); break;
    case PROP_BODY: g_value_set_string (value, self->body); break;
    case PROP_BODY_TYPE: g_value_set_enum (value, self->body_type); break;
    case PROP_ACCOUNT: g_value_set_string (value, self->account); break;
    case PROP_ATTACHMENTS: g_value_set_boxed (value, self->attachments); break;
    case PROP_CREATED: g_value_set_int64 (value, self->created); break;
    case PROP_CHANGED: g_value_set_int64 (value, self->changed); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_template_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  KithTemplate *self = KITH_TEMPLATE (object);

  switch (prop_id)
    {
    case PROP_ID: kith_template_set_id (self, g_value_get_int64 (value)); break;
    case PROP_NAME: kith_template_set_name (self, g_value_get_string (value)); break;
    case PROP_SUBJECT: kith_template_set_subject (self, g_value_get_string (value)); break;
    case PROP_BODY: kith_template_set_body (self, g_value_get_string (value)); break;
    case PROP_BODY_TYPE: kith_template_set_body_type (self, g_value_get_enum (value)); break;
    case PROP_ACCOUNT: kith_template_set_account (self, g_value_get_string (value)); break;
    case PROP_ATTACHMENTS: kith_template_set_attachments (self, g_value_get_boxed (value)); break;
    case PROP_CREATED: kith_object_set_int64 (object, &self->created, g_value_get_int64 (value), pspec); break;
    case PROP_CHANGED: kith_object_set_int64 (object, &self->changed, g_value_get_int64 (value), pspec); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_template_class_init (KithTemplateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kith_template_finalize;
  object_class->get_property = kith_template_get_property;
  object_class->set_property = kith_template_set_property;

  properties[PROP_ID] = kith_param_spec_int64 ("id");
  properties[PROP_NAME] = kith_param_spec_string ("name");
  properties[PROP_SUBJECT] = kith_param_spec_string ("subject");
  properties[PROP_BODY] = kith_param_spec_string ("body");
  properties[PROP_BODY_TYPE] =
    g_param_spec_enum ("body-type", NULL, NULL, KITH_TYPE_TEMPLATE_BODY_TYPE, KITH_TEMPLATE_BODY_TEXT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The mail account's source UID; NULL: whichever the composer picks */
  properties[PROP_ACCOUNT] = kith_param_spec_string ("account");
  properties[PROP_ATTACHMENTS] =
    g_param_spec_boxed ("attachments", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CREATED] = kith_param_spec_int64 ("created");
  properties[PROP_CHANGED] = kith_param_spec_int64 ("changed");

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kith_template_init (KithTemplate *self)
{
}

KithTemplate *
kith_template_new (const char *name)
{
  return g_object_new (KITH_TYPE_TEMPLATE, "name", name, NULL);
}

/**
 * kith_template_copy:
 *
 * Returns: (transfer full): a template with the same values, for a job on another thread
 */
KithTemplate *
kith_template_copy (KithTemplate *self)
{
  g_return_val_if_fail (KITH_IS_TEMPLATE (self), NULL);

  return g_object_new (KITH_TYPE_TEMPLATE,
                       "id", self->id, "name", self->name, "subject", self->subject, "body", self->body,
                       "body-type", self->body_type, "account", self->account,
                       "attachments", self->attachments, "created", self->created, "changed", self->changed,
                       NULL);
}

gint64
kith_template_get_id (KithTemplate *self)
{
  g_return_val_if_fail (KITH_IS_TEMPLATE (self), 0);
  return self->id;
}

void
kith_template_set_id (KithTemplate *self,
                      gint64        id)
{
  g_return_if_fail (KITH_IS_TEMPLATE (self));
  kith_object_set_int64 (G_OBJECT (self), &self->id, id, properties[PROP_ID]);
}

const char *
kith_template_get_name (KithTemplate *self)
{
  g_return_val_if_fail (KITH_IS_TEMPLATE (self), NULL);
  return self->name;
}

void
kith_template_set_name (KithTemplate *self,
                        const char   *name)
{
  g_return_if_fail (KITH_IS_TEMPLATE (self));
  kith_object_set_string (G_OBJECT (self), &self->name, name, properties[PROP_NAME]);
}

const char *
kith_template_get_subject (KithTemplate *self)
{
  g_return_val_if_fail (KITH_IS_TEMPLATE (self), NULL);
  return self->subject;
}

void
kith_template_set_subject (KithTemplate *self,
                           const char   *subject)
{
  g_return_if_fail (KITH_IS_TEMPLATE (self));
  kith_object_set_string (G_OBJECT (self), &self->subject, subject, properties[PROP_SUBJECT]);
}

const char *
kith_template_get_body (KithTemplate *self)
{
  g_return_val_if_fail (KITH_IS_TEMPLATE (self), NULL);
  return self->body;
}

void
kith_template_set_body (KithTemplate *self,
                        const char   *body)
{
  g_return_if_fail (KITH_IS_TEMPLATE (self));
  kith_object_set_string (G_OBJECT (self), &self->body, body, properties[PROP_BODY]);
}

KithTemplateBodyType
kith_template_get_body_type (KithTemplate *self)
{
  g_return_val_if_fail (KITH_IS_TEMPLATE (self), KITH_TEMPLATE_BODY_TEXT);
  return self->body_type;
}

void
kith_template_set_body_type (KithTemplate         *self,
                             KithTemplateBodyType  body_type)
{
  g_return_if_fail (KITH_IS_TEMPLATE (self));

  if (self->body_type == body_type)
    return;
  self->body_type = body_type;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BODY_TYPE]);
}

const char *
kith_template_get_account (KithTemplate *self)
{
  g_return_val_if_fail (KITH_IS_TEMPLATE (self), NULL);
  return self->account;
}

void
kith_template_set_account (KithTemplate *self,
                           const char   *account)
{
  g_return_if_fail (KITH_IS_TEMPLATE (self));
  kith_object_set_string (G_OBJECT (self), &self->account, account, properties[PROP_ACCOUNT]);
}

/**
 * kith_template_get_attachments:
 *
 * Returns: (transfer none) (nullable): the paths of the files it attaches
 */
const char * const *
kith_template_get_attachments (KithTemplate *self)
{
  g_return_val_if_fail (KITH_IS_TEMPLATE (self), NULL);
  return (const char * const *) self->attachments;
}

void
kith_template_set_attachments (KithTemplate       *self,
                               const char * const *attachments)
{
  g_return_if_fail (KITH_IS_TEMPLATE (self));

  if (kith_set_strv (&self->attachments, attachments))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ATTACHMENTS]);
}

gint64
kith_template_get_created (KithTemplate *self)
{
  g_return_val_if_fail (KITH_IS_TEMPLATE (self), 0);
  return self->created;
}

gint64
kith_template_get_changed (KithTemplate *self)
{
  g_return_val_if_fail (KITH_IS_TEMPLATE (self), 0);
  return self->changed;
}
