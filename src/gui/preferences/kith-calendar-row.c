/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithCalendarRow"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-calendar-row.h"
#include "kith-gui-util.h"

/*
 * One calendar of Preferences → Calendars: its colour, its name, its account, whether Kith can
 * read it (or why not, with Retry) and the "Use in Kith" switch. The row follows its KithCalendarSource,
 * which the calendar service updates as the calendar's state changes.
 */

struct _KithCalendarRow
{
  AdwActionRow         parent_instance;

  KithCalendarService *service;
  KithCalendarSource  *source;
  ESourceRegistry     *registry;     /* for the account's name; NULL until the page has it */
  GtkWidget           *color_swatch;
  GtkWidget           *retry_button;
  GtkWidget           *follow_switch;
};

G_DEFINE_FINAL_TYPE (KithCalendarRow, kith_calendar_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_SERVICE,
  PROP_SOURCE,
  PROP_REGISTRY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
dup_state_text (KithCalendarSource *source)
{
  const char *error = kith_calendar_source_get_error (source);

  switch (kith_calendar_source_get_state (source))
    {
    case KITH_CALENDAR_STATE_OFF:
      return g_strdup (_("Not used in Kith"));
    case KITH_CALENDAR_STATE_CONNECTING:
      return g_strdup (_("Connecting…"));
    case KITH_CALENDAR_STATE_READY:
      return g_strdup (kith_calendar_source_get_writable (source) ? _("Up to date") : _("Up to date · read-only"));
    case KITH_CALENDAR_STATE_NEEDS_PASSWORD:
      return g_strdup (_("Needs a password"));
    case KITH_CALENDAR_STATE_OFFLINE:
      /* Translators: a calendar whose server cannot be reached, and why */
      return error != NULL ? g_strdup_printf (_("Offline: %s"), error) : g_strdup (_("Offline"));
    case KITH_CALENDAR_STATE_ERROR:
    default:
      return g_strdup (error != NULL ? error : _("Cannot be read"));
    }
}

static gboolean
failed (KithCalendarSource *source)
{
  KithCalendarState state = kith_calendar_source_get_state (source);

  return state == KITH_CALENDAR_STATE_NEEDS_PASSWORD || state == KITH_CALENDAR_STATE_OFFLINE ||
         state == KITH_CALENDAR_STATE_ERROR;
}

/* The account the calendar is of, as the registry names it ("On This Computer", an online
 * account's address), or NULL */
static char *
dup_account (KithCalendarRow *self)
{
  g_autoptr(ESource) source = NULL;
  g_autoptr(ESource) parent = NULL;

  if (self->registry == NULL ||
      (source = e_source_registry_ref_source (self->registry, kith_calendar_source_get_uid (self->source))) == NULL ||
      e_source_get_parent (source) == NULL ||
      (parent = e_source_registry_ref_source (self->registry, e_source_get_parent (source))) == NULL)
    return NULL;

  return e_source_dup_display_name (parent);
}

static char *
dup_subtitle (KithCalendarRow *self)
{
  g_autofree char *account = dup_account (self);
  g_autofree char *state = dup_state_text (self->source);

  if (account == NULL || *account == '\0')
    return g_steal_pointer (&state);
  /* Translators: a calendar's account, then whether Kith can read it */
  return g_strdup_printf (_("%s · %s"), account, state);
}

static void
sync_from_source (KithCalendarRow *self)
{
  g_autofree char *subtitle = dup_subtitle (self);
  g_autofree char *subtitle_markup = kith_markup_escape (subtitle);
  const char *name = kith_calendar_source_get_display_name (self->source);
  /* Translators: the "Use in Kith" switch of a calendar, named by the calendar */
  g_autofree char *label = g_strdup_printf (_("Use “%s” in Kith"), name != NULL ? name : "");

  kith_preferences_row_set_text_title (ADW_PREFERENCES_ROW (self), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle_markup);
  gtk_widget_set_visible (self->retry_button, failed (self->source));
  gtk_switch_set_active (GTK_SWITCH (self->follow_switch), kith_calendar_source_get_followed (self->source));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->follow_switch), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_queue_draw (self->color_swatch);
}

static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  KithCalendarRow *self = user_data;
  const char *color = kith_calendar_source_get_color (self->source);
  GdkRGBA rgba = { 0.5, 0.5, 0.5, 1.0 };

  if (color != NULL)
    gdk_rgba_parse (&rgba, color);
  gdk_cairo_set_source_rgba (cr, &rgba);
  cairo_arc (cr, width / 2.0, height / 2.0, MIN (width, height) / 2.0, 0, 2 * G_PI);
  cairo_fill (cr);
}

static void
on_follow_changed (GtkSwitch       *sw,
                   GParamSpec      *pspec,
                   KithCalendarRow *self)
{
  gboolean active = gtk_switch_get_active (sw);

  if (self->source == NULL || active == kith_calendar_source_get_followed (self->source))
    return;
  kith_calendar_service_set_followed (self->service, kith_calendar_source_get_uid (self->source), active);
}

static void
on_retry_clicked (GtkButton       *button,
                  KithCalendarRow *self)
{
  kith_calendar_service_retry (self->service, kith_calendar_source_get_uid (self->source));
}

static void
kith_calendar_row_constructed (GObject *object)
{
  KithCalendarRow *self = KITH_CALENDAR_ROW (object);

  G_OBJECT_CLASS (kith_calendar_row_parent_class)->constructed (object);

  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->color_swatch), draw_swatch, self, NULL);
  sync_from_source (self);
  g_signal_connect_object (self->source, "notify", G_CALLBACK (sync_from_source), self, G_CONNECT_SWAPPED);
}

static void
kith_calendar_row_dispose (GObject *object)
{
  KithCalendarRow *self = KITH_CALENDAR_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), KITH_TYPE_CALENDAR_ROW);
  g_clear_object (&self->source);
  g_clear_object (&self->service);
  g_clear_object (&self->registry);

  G_OBJECT_CLASS (kith_calendar_row_parent_class)->dispose (object);
}

static void
kith_calendar_row_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  KithCalendarRow *self = KITH_CALENDAR_ROW (object);

  switch (prop_id)
    {
    case PROP_SERVICE:
      g_value_set_object (value, self->service);
      break;
    case PROP_SOURCE:
      g_value_set_object (value, self->source);
      break;
    case PROP_REGISTRY:
      g_value_set_object (value, self->registry);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_calendar_row_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  KithCalendarRow *self = KITH_CALENDAR_ROW (object);

  switch (prop_id)
    {
    case PROP_SERVICE:
      self->service = g_value_dup_object (value);
      break;
    case PROP_SOURCE:
      self->source = g_value_dup_object (value);
      break;
    case PROP_REGISTRY:
      self->registry = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_calendar_row_class_init (KithCalendarRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kith_calendar_row_constructed;
  object_class->dispose = kith_calendar_row_dispose;
  object_class->get_property = kith_calendar_row_get_property;
  object_class->set_property = kith_calendar_row_set_property;

  properties[PROP_SERVICE] =
    g_param_spec_object ("service", NULL, NULL, KITH_TYPE_CALENDAR_SERVICE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SOURCE] =
    g_param_spec_object ("source", NULL, NULL, KITH_TYPE_CALENDAR_SOURCE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REGISTRY] =
    g_param_spec_object ("registry", NULL, NULL, E_TYPE_SOURCE_REGISTRY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/preferences/kith-calendar-row.ui");
  gtk_widget_class_bind_template_child (widget_class, KithCalendarRow, color_swatch);
  gtk_widget_class_bind_template_child (widget_class, KithCalendarRow, retry_button);
  gtk_widget_class_bind_template_child (widget_class, KithCalendarRow, follow_switch);
  gtk_widget_class_bind_template_callback (widget_class, on_follow_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_retry_clicked);
}

static void
kith_calendar_row_init (KithCalendarRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * kith_calendar_row_new:
 * @registry: (nullable): the EDS registry, to name the calendar's account
 */
GtkWidget *
kith_calendar_row_new (KithCalendarService *service,
                       KithCalendarSource  *source,
                       ESourceRegistry     *registry)
{
  g_return_val_if_fail (KITH_IS_CALENDAR_SERVICE (service), NULL);
  g_return_val_if_fail (KITH_IS_CALENDAR_SOURCE (source), NULL);

  return g_object_new (KITH_TYPE_CALENDAR_ROW, "service", service, "source", source, "registry", registry, NULL);
}
