/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithAddressChip: one address of a KithAddressEntry, as a rounded chip with a × that emits
 * `remove`. An address that is not one is drawn in the error style, its tooltip naming why.
 */

#define G_LOG_DOMAIN "KithAddressChip"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-address-chip.h"
#include "kith-synckey.h"

struct _KithAddressChip
{
  GtkWidget  parent_instance;

  GtkWidget *box;
  GtkLabel  *label;
  GtkButton *remove_button;

  char      *address;
};

G_DEFINE_FINAL_TYPE (KithAddressChip, kith_address_chip, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ADDRESS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  REMOVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_remove_clicked_cb (KithAddressChip *self)
{
  g_signal_emit (self, signals[REMOVE], 0);
}

static void
kith_address_chip_constructed (GObject *object)
{
  KithAddressChip *self = KITH_ADDRESS_CHIP (object);
  g_autoptr(GError) error = NULL;
  g_autofree char *key = kith_synckey_email (self->address, &error);
  g_autofree char *remove = g_strdup_printf (_("Remove “%s”"), self->address);

  G_OBJECT_CLASS (kith_address_chip_parent_class)->constructed (object);

  gtk_label_set_text (self->label, self->address);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->remove_button), remove);
  /* The tooltip names the problem: the store's own words for it */
  if (key == NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->label), error->message);
    }
}

static void
kith_address_chip_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), KITH_TYPE_ADDRESS_CHIP);

  G_OBJECT_CLASS (kith_address_chip_parent_class)->dispose (object);
}

static void
kith_address_chip_finalize (GObject *object)
{
  KithAddressChip *self = KITH_ADDRESS_CHIP (object);

  g_free (self->address);

  G_OBJECT_CLASS (kith_address_chip_parent_class)->finalize (object);
}

static void
kith_address_chip_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_ADDRESS:
      g_value_set_string (value, KITH_ADDRESS_CHIP (object)->address);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_address_chip_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_ADDRESS:
      KITH_ADDRESS_CHIP (object)->address = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_address_chip_class_init (KithAddressChipClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kith_address_chip_constructed;
  object_class->dispose = kith_address_chip_dispose;
  object_class->finalize = kith_address_chip_finalize;
  object_class->get_property = kith_address_chip_get_property;
  object_class->set_property = kith_address_chip_set_property;

  properties[PROP_ADDRESS] =
    g_param_spec_string ("address", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The × was clicked: the entry takes the address out */
  signals[REMOVE] = g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/compose/kith-address-chip.ui");
  gtk_widget_class_bind_template_child (widget_class, KithAddressChip, box);
  gtk_widget_class_bind_template_child (widget_class, KithAddressChip, label);
  gtk_widget_class_bind_template_child (widget_class, KithAddressChip, remove_button);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_clicked_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "address-chip");
}

static void
kith_address_chip_init (KithAddressChip *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
kith_address_chip_new (const char *address)
{
  return g_object_new (KITH_TYPE_ADDRESS_CHIP, "address", address, NULL);
}

/* Backspace in the empty entry selects the last chip before a second one removes it */
void
kith_address_chip_set_selected (KithAddressChip *self,
                                gboolean         selected)
{
  g_return_if_fail (KITH_IS_ADDRESS_CHIP (self));

  if (selected)
    gtk_widget_add_css_class (GTK_WIDGET (self), "selected");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "selected");
}
