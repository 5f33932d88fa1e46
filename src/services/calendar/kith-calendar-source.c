/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "kith-calendar-source.h"

/*
 * KithCalendarSource: a calendar of the evolution-data-server registry as Preferences shows it
 * (its colour, whether Kith follows it, whether Kith can read it and why not). The calendar
 * service keeps one per calendar and changes it on the main thread.
 */

struct _KithCalendarSource
{
  GObject            parent_instance;

  char              *uid;
  char              *display_name;
  char              *color;
  gboolean           writable;
  gboolean           followed;
  gboolean           create_people;
  KithCalendarState  state;
  char              *error;
};

G_DEFINE_ENUM_TYPE (KithCalendarState, kith_calendar_state,
                    G_DEFINE_ENUM_VALUE (KITH_CALENDAR_STATE_OFF, "off"),
                    G_DEFINE_ENUM_VALUE (KITH_CALENDAR_STATE_CONNECTING, "connecting"),
                    G_DEFINE_ENUM_VALUE (KITH_CALENDAR_STATE_READY, "ready"),
                    G_DEFINE_ENUM_VALUE (KITH_CALENDAR_STATE_NEEDS_PASSWORD, "needs-password"),
                    G_DEFINE_ENUM_VALUE (KITH_CALENDAR_STATE_OFFLINE, "offline"),
                    G_DEFINE_ENUM_VALUE (KITH_CALENDAR_STATE_ERROR, "error"))

G_DEFINE_FINAL_TYPE (KithCalendarSource, kith_calendar_source, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_UID,
  PROP_DISPLAY_NAME,
  PROP_COLOR,
  PROP_WRITABLE,
  PROP_FOLLOWED,
  PROP_CREATE_PEOPLE,
  PROP_STATE,
  PROP_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kith_calendar_source_finalize (GObject *object)
{
  KithCalendarSource *self = KITH_CALENDAR_SOURCE (object);

  g_free (self->uid);
  g_free (self->display_name);
  g_free (self->color);
  g_free (self->error);

  G_OBJECT_CLASS (kith_calendar_source_parent_class)->finalize (object);
}

static void
kith_calendar_source_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  KithCalendarSource *self = KITH_CALENDAR_SOURCE (object);

  switch (prop_id)
    {
    case PROP_UID:
      g_value_set_string (value, self->uid);
      break;
    case PROP_DISPLAY_NAME:
      g_value_set_string (value, self->display_name);
      break;
    case PROP_COLOR:
      g_value_set_string (value, self->color);
      break;
    case PROP_WRITABLE:
      g_value_set_boolean (value, self->writable);
      break;
    case PROP_FOLLOWED:
      g_value_set_boolean (value, self->followed);
      break;
    case PROP_CREATE_PEOPLE:
      g_value_set_boolean (value, self->create_people);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_calendar_source_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  KithCalendarSource *self = KITH_CALENDAR_SOURCE (object);

  switch (prop_id)
    {
    case PROP_UID:
      self->uid = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_calendar_source_class_init (KithCalendarSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kith_calendar_source_finalize;
  object_class->get_property = kith_calendar_source_get_property;
  object_class->set_property = kith_calendar_source_set_property;

  properties[PROP_UID] =
    g_param_spec_string ("uid", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DISPLAY_NAME] =
    g_param_spec_string ("display-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COLOR] =
    g_param_spec_string ("color", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_WRITABLE] =
    g_param_spec_boolean ("writable", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOLLOWED] =
    g_param_spec_boolean ("followed", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CREATE_PEOPLE] =
    g_param_spec_boolean ("create-people", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, KITH_TYPE_CALENDAR_STATE, KITH_CALENDAR_STATE_OFF,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR] =
    g_param_spec_string ("error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kith_calendar_source_init (KithCalendarSource *self)
{
}

KithCalendarSource *
kith_calendar_source_new (const char *uid)
{
  return g_object_new (KITH_TYPE_CALENDAR_SOURCE, "uid", uid, NULL);
}

const char *
kith_calendar_source_get_uid (KithCalendarSource *self)
{
  g_return_val_if_fail (KITH_IS_CALENDAR_SOURCE (self), NULL);

  return self->uid;
}

const char *
kith_calendar_source_get_display_name (KithCalendarSource *self)
{
  g_return_val_if_fail (KITH_IS_CALENDAR_SOURCE (self), NULL);

  return self->display_name;
}

/* Changes a text property; notifies only when it changed */
static void
set_text (KithCalendarSource  *self,
          char               **field,
          const char          *value,
          guint                prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
set_flag (KithCalendarSource *self,
          gboolean           *field,
          gboolean            value,
          guint               prop)
{
  if (*field == !!value)
    return;

  *field = !!value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

void
kith_calendar_source_set_display_name (KithCalendarSource *self,
                                       const char         *name)
{
  g_return_if_fail (KITH_IS_CALENDAR_SOURCE (self));

  set_text (self, &self->display_name, name, PROP_DISPLAY_NAME);
}

/* The calendar's colour as evolution-data-server has it ("#62a0ea"), or %NULL */
const char *
kith_calendar_source_get_color (KithCalendarSource *self)
{
  g_return_val_if_fail (KITH_IS_CALENDAR_SOURCE (self), NULL);

  return self->color;
}

void
kith_calendar_source_set_color (KithCalendarSource *self,
                                const char         *color)
{
  g_return_if_fail (KITH_IS_CALENDAR_SOURCE (self));

  set_text (self, &self->color, color, PROP_COLOR);
}

/* Whether Kith can write meetings into it: known once it is open */
gboolean
kith_calendar_source_get_writable (KithCalendarSource *self)
{
  g_return_val_if_fail (KITH_IS_CALENDAR_SOURCE (self), FALSE);

  return self->writable;
}

void
kith_calendar_source_set_writable (KithCalendarSource *self,
                                   gboolean            writable)
{
  g_return_if_fail (KITH_IS_CALENDAR_SOURCE (self));

  set_flag (self, &self->writable, writable, PROP_WRITABLE);
}

/* The "use in Kith" setting */
gboolean
kith_calendar_source_get_followed (KithCalendarSource *self)
{
  g_return_val_if_fail (KITH_IS_CALENDAR_SOURCE (self), FALSE);

  return self->followed;
}

void
kith_calendar_source_set_followed (KithCalendarSource *self,
                                   gboolean            followed)
{
  g_return_if_fail (KITH_IS_CALENDAR_SOURCE (self));

  set_flag (self, &self->followed, followed, PROP_FOLLOWED);
}

/* The option "create people from attendees" of meetings with people from outside */
gboolean
kith_calendar_source_get_create_people (KithCalendarSource *self)
{
  g_return_val_if_fail (KITH_IS_CALENDAR_SOURCE (self), FALSE);

  return self->create_people;
}

void
kith_calendar_source_set_create_people (KithCalendarSource *self,
                                        gboolean            create_people)
{
  g_return_if_fail (KITH_IS_CALENDAR_SOURCE (self));

  set_flag (self, &self->create_people, create_people, PROP_CREATE_PEOPLE);
}

KithCalendarState
kith_calendar_source_get_state (KithCalendarSource *self)
{
  g_return_val_if_fail (KITH_IS_CALENDAR_SOURCE (self), KITH_CALENDAR_STATE_OFF);

  return self->state;
}

/* What went wrong, in the server's or evolution-data-server's words, or %NULL */
const char *
kith_calendar_source_get_error (KithCalendarSource *self)
{
  g_return_val_if_fail (KITH_IS_CALENDAR_SOURCE (self), NULL);

  return self->error;
}

/**
 * kith_calendar_source_set_state:
 * @error: (nullable): why the calendar cannot be read, for the states that say so
 */
void
kith_calendar_source_set_state (KithCalendarSource *self,
                                KithCalendarState   state,
                                const char         *error)
{
  g_return_if_fail (KITH_IS_CALENDAR_SOURCE (self));

  g_object_freeze_notify (G_OBJECT (self));
  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
  set_text (self, &self->error, error, PROP_ERROR);
  g_object_thaw_notify (G_OBJECT (self));
}
