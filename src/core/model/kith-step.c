/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithStep: one next step of a stage — its name, the email template it suggests and after how
 * many days its reminder comes due (0: none). The key is the store's, %NULL until it is saved.
 */

#define G_LOG_DOMAIN "KithStep"

#include "config.h"

#include "kith-object-util.h"
#include "kith-step.h"

struct _KithStep
{
  GObject  parent_instance;

  char    *key;
  char    *name;
  char    *template;
  gint64   template_id;
  int      reminder_days;
};

G_DEFINE_FINAL_TYPE (KithStep, kith_step, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KEY,
  PROP_NAME,
  PROP_TEMPLATE,
  PROP_REMINDER_DAYS,
  PROP_TEMPLATE_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kith_step_finalize (GObject *object)
{
  KithStep *self = KITH_STEP (object);

  g_free (self->key);
  g_free (self->name);
  g_free (self->template);

  G_OBJECT_CLASS (kith_step_parent_class)->finalize (object);
}

static void
kith_step_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  KithStep *self = KITH_STEP (object);

  switch (prop_id)
    {
    case PROP_KEY:
      g_value_set_string (value, self->key);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_TEMPLATE:
      g_value_set_string (value, self->template);
      break;
    case PROP_REMINDER_DAYS:
      g_value_set_int (value, self->reminder_days);
      break;
    case PROP_TEMPLATE_ID:
      g_value_set_int64 (value, self->template_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_step_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  KithStep *self = KITH_STEP (object);

  switch (prop_id)
    {
    case PROP_KEY:
      kith_step_set_key (self, g_value_get_string (value));
      break;
    case PROP_NAME:
      kith_step_set_name (self, g_value_get_string (value));
      break;
    case PROP_TEMPLATE:
      kith_step_set_template (self, g_value_get_string (value));
      break;
    case PROP_REMINDER_DAYS:
      kith_step_set_reminder_days (self, g_value_get_int (value));
      break;
    case PROP_TEMPLATE_ID:
      kith_step_set_template_id (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_step_class_init (KithStepClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = kith_step_finalize;
  object_class->get_property = kith_step_get_property;
  object_class->set_property = kith_step_set_property;

  properties[PROP_KEY] = g_param_spec_string ("key", NULL, NULL, NULL, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_TEMPLATE] = g_param_spec_string ("template", NULL, NULL, NULL, flags);
  properties[PROP_REMINDER_DAYS] = g_param_spec_int ("reminder-days", NULL, NULL, 0, G_MAXINT, 0, flags);
  /* The stored template the step's template name is, as the store read it; 0: "no template" */
  properties[PROP_TEMPLATE_ID] = g_param_spec_int64 ("template-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kith_step_init (KithStep *self)
{
}

KithStep *
kith_step_new (const char *key,
               const char *name,
               const char *template,
               int         reminder_days)
{
  return g_object_new (KITH_TYPE_STEP, "key", key, "name", name, "template", template,
                       "reminder-days", reminder_days, NULL);
}

/**
 * kith_step_copy:
 *
 * Returns: (transfer full): a step of the same values, to edit apart from @self
 */
KithStep *
kith_step_copy (KithStep *self)
{
  g_return_val_if_fail (KITH_IS_STEP (self), NULL);

  KithStep *copy = kith_step_new (self->key, self->name, self->template, self->reminder_days);

  copy->template_id = self->template_id;
  return copy;
}

const char *
kith_step_get_key (KithStep *self)
{
  g_return_val_if_fail (KITH_IS_STEP (self), NULL);

  return self->key;
}

void
kith_step_set_key (KithStep   *self,
                   const char *key)
{
  g_return_if_fail (KITH_IS_STEP (self));

  if (kith_set_str (&self->key, key))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEY]);
}

const char *
kith_step_get_name (KithStep *self)
{
  g_return_val_if_fail (KITH_IS_STEP (self), NULL);

  return self->name;
}

void
kith_step_set_name (KithStep   *self,
                    const char *name)
{
  g_return_if_fail (KITH_IS_STEP (self));

  if (kith_set_str (&self->name, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
kith_step_get_template (KithStep *self)
{
  g_return_val_if_fail (KITH_IS_STEP (self), NULL);

  return self->template;
}

void
kith_step_set_template (KithStep   *self,
                        const char *template)
{
  g_return_if_fail (KITH_IS_STEP (self));

  if (kith_set_str (&self->template, template))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEMPLATE]);
}

int
kith_step_get_reminder_days (KithStep *self)
{
  g_return_val_if_fail (KITH_IS_STEP (self), 0);

  return self->reminder_days;
}

void
kith_step_set_reminder_days (KithStep *self,
                             int       days)
{
  g_return_if_fail (KITH_IS_STEP (self));

  days = MAX (days, 0);
  if (self->reminder_days == days)
    return;
  self->reminder_days = days;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REMINDER_DAYS]);
}

/**
 * kith_step_get_template_id:
 *
 * Returns: the id of the stored template named by kith_step_get_template(), or 0 when no
 *   template of that name is stored ("no template")
 */
gint64
kith_step_get_template_id (KithStep *self)
{
  g_return_val_if_fail (KITH_IS_STEP (self), 0);

  return self->template_id;
}

void
kith_step_set_template_id (KithStep *self,
                           gint64    template_id)
{
  g_return_if_fail (KITH_IS_STEP (self));

  if (self->template_id == template_id)
    return;
  self->template_id = template_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEMPLATE_ID]);
}
