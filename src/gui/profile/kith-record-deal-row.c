/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithRecordDealRow: a deal a person or company takes part in, on their profile — its name and
 * value. Activated it opens the deal (record-deals.open).
 */

#define G_LOG_DOMAIN "KithRecordDealRow"

#include "config.h"

#include "kith-money.h"
#include "kith-record-deal-row.h"

struct _KithRecordDealRow
{
  AdwActionRow  parent_instance;

  KithDeal     *deal;
};

G_DEFINE_FINAL_TYPE (KithRecordDealRow, kith_record_deal_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_DEAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kith_record_deal_row_constructed (GObject *object)
{
  KithRecordDealRow *self = KITH_RECORD_DEAL_ROW (object);
  g_autofree char *value = kith_deal_has_value (self->deal)
                           ? kith_money_format (kith_deal_get_value (self->deal), kith_deal_get_currency (self->deal))
                           : NULL;

  G_OBJECT_CLASS (kith_record_deal_row_parent_class)->constructed (object);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), kith_record_get_name (KITH_RECORD (self->deal)));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), value != NULL ? value : "");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self),
                                          g_variant_new_int64 (kith_record_get_id (KITH_RECORD (self->deal))));
}

static void
kith_record_deal_row_dispose (GObject *object)
{
  g_clear_object (&KITH_RECORD_DEAL_ROW (object)->deal);

  G_OBJECT_CLASS (kith_record_deal_row_parent_class)->dispose (object);
}

static void
kith_record_deal_row_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_DEAL:
      g_value_set_object (value, KITH_RECORD_DEAL_ROW (object)->deal);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_record_deal_row_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_DEAL:
      KITH_RECORD_DEAL_ROW (object)->deal = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_record_deal_row_class_init (KithRecordDealRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kith_record_deal_row_constructed;
  object_class->dispose = kith_record_deal_row_dispose;
  object_class->get_property = kith_record_deal_row_get_property;
  object_class->set_property = kith_record_deal_row_set_property;

  properties[PROP_DEAL] = g_param_spec_object ("deal", NULL, NULL, KITH_TYPE_DEAL,
                                               G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/profile/kith-record-deal-row.ui");
}

static void
kith_record_deal_row_init (KithRecordDealRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
kith_record_deal_row_new (KithDeal *deal)
{
  g_return_val_if_fail (KITH_IS_DEAL (deal), NULL);

  return g_object_new (KITH_TYPE_RECORD_DEAL_ROW, "deal", deal, NULL);
}
