/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithCalendarsPage"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-calendar-row.h"
#include "kith-calendars-page.h"

/*
 * KithCalendarsPage: the Calendars page of Preferences. Every calendar of the registry, as a
 * KithCalendarRow bound to the calendar service's list of sources, so calendars added or
 * removed while the window is open come and go.
 */

struct _KithCalendarsPage
{
  AdwPreferencesPage   parent_instance;

  KithCalendarService *service;
  ESourceRegistry     *registry;      /* to name each calendar's account, once connected */
  GCancellable        *cancellable;
  GtkListBox          *calendars_list;
};

G_DEFINE_FINAL_TYPE (KithCalendarsPage, kith_calendars_page, ADW_TYPE_PREFERENCES_PAGE)

enum {
  PROP_0,
  PROP_SERVICE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkWidget *
create_calendar_row (gpointer item,
                     gpointer user_data)
{
  KithCalendarsPage *self = user_data;

  return kith_calendar_row_new (self->service, item, self->registry);
}

static void
bind_calendars (KithCalendarsPage *self)
{
  gtk_list_box_bind_model (self->calendars_list, kith_calendar_service_get_sources (self->service),
                           create_calendar_row, self, NULL);
}

/* The registry only names the accounts: the rows show without it, and are made again with it */
static void
on_registry_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(KithCalendarsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  ESourceRegistry *registry = e_source_registry_new_finish (result, &error);

  if (registry == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("No calendar accounts to name: %s", error->message);
      return;
    }
  self->registry = registry;
  bind_calendars (self);
}

static void
kith_calendars_page_constructed (GObject *object)
{
  KithCalendarsPage *self = KITH_CALENDARS_PAGE (object);

  G_OBJECT_CLASS (kith_calendars_page_parent_class)->constructed (object);

  bind_calendars (self);
  e_source_registry_new (self->cancellable, on_registry_cb, g_object_ref (self));
}

static void
kith_calendars_page_dispose (GObject *object)
{
  KithCalendarsPage *self = KITH_CALENDARS_PAGE (object);

  if (self->calendars_list != NULL)
    gtk_list_box_bind_model (self->calendars_list, NULL, NULL, NULL, NULL);
  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (object), KITH_TYPE_CALENDARS_PAGE);
  g_clear_object (&self->service);
  g_clear_object (&self->registry);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (kith_calendars_page_parent_class)->dispose (object);
}

static void
kith_calendars_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  KithCalendarsPage *self = KITH_CALENDARS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SERVICE:
      g_value_set_object (value, self->service);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_calendars_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  KithCalendarsPage *self = KITH_CALENDARS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SERVICE:
      self->service = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_calendars_page_class_init (KithCalendarsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kith_calendars_page_constructed;
  object_class->dispose = kith_calendars_page_dispose;
  object_class->get_property = kith_calendars_page_get_property;
  object_class->set_property = kith_calendars_page_set_property;

  properties[PROP_SERVICE] =
    g_param_spec_object ("service", NULL, NULL, KITH_TYPE_CALENDAR_SERVICE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/preferences/kith-calendars-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KithCalendarsPage, calendars_list);
}

static void
kith_calendars_page_init (KithCalendarsPage *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
kith_calendars_page_new (KithCalendarService *service)
{
  g_return_val_if_fail (KITH_IS_CALENDAR_SERVICE (service), NULL);

  return g_object_new (KITH_TYPE_CALENDARS_PAGE, "service", service, NULL);
}
