/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "kith-step-private.h"

/* One next step of a stage's checklist, with the days after which it reminds */

struct _KithStep
{
  GObject  parent_instance;

  char    *key;
  char    *name;
  gint64   reminder_days;
};

G_DEFINE_FINAL_TYPE (KithStep, kith_step, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KEY,
  PROP_NAME,
  PROP_REMINDER_DAYS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kith_step_finalize (GObject *object)
{
  KithStep *self = (KithStep *)object;

  g_free (self->key);
  g_free (self->name);

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
    case PROP_REMINDER_DAYS:
      g_value_set_int64 (value, self->reminder_days);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_step_class_init (KithStepClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = kith_step_finalize;
  object_class->get_property = kith_step_get_property;

  properties[PROP_KEY] = g_param_spec_string ("key", NULL, NULL, NULL, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  /* -1: no reminder */
  properties[PROP_REMINDER_DAYS] = g_param_spec_int64 ("reminder-days", NULL, NULL, -1, G_MAXINT64, -1, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kith_step_init (KithStep *self)
{
  self->reminder_days = -1;
}

KithStep *
kith_step_new_from_json (JsonObject *json)
{
  KithStep *self = g_object_new (KITH_TYPE_STEP, NULL);

  self->key = g_strdup (json_object_get_string_member_with_default (json, "key", NULL));
  self->name = g_strdup (json_object_get_string_member_with_default (json, "name", NULL));
  if (json_object_has_member (json, "reminderDays") && !json_object_get_null_member (json, "reminderDays"))
    self->reminder_days = json_object_get_int_member (json, "reminderDays");

  return self;
}

const char *
kith_step_get_key (KithStep *self)
{
  g_return_val_if_fail (KITH_IS_STEP (self), NULL);

  return self->key;
}

const char *
kith_step_get_name (KithStep *self)
{
  g_return_val_if_fail (KITH_IS_STEP (self), NULL);

  return self->name;
}

/**
 * kith_step_get_reminder_days:
 *
 * Returns: after how many days on this step a reminder comes, or -1 for none
 */
gint64
kith_step_get_reminder_days (KithStep *self)
{
  g_return_val_if_fail (KITH_IS_STEP (self), -1);

  return self->reminder_days;
}
