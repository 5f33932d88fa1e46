/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "kith-deal.h"
#include "kith-fields-private.h"
#include "kith-record-private.h"

/* A deal (a "project" in the store and the JSON): a record with a summary, a value in a currency,
 * dates and a forecast */

struct _KithDeal
{
  KithRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (KithDeal, kith_deal, KITH_TYPE_RECORD)

enum {
  PROP_0,
  PROP_SUMMARY,
  PROP_VALUE,
  PROP_CURRENCY,
  PROP_START,
  PROP_END,
  PROP_FORECAST,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const KithRecordProperty record_properties[] = {
  { "summary", KITH_FIELD_SUMMARY, FALSE },
  { "value", KITH_FIELD_VALUE, FALSE },
  { "currency", KITH_FIELD_CURRENCY, FALSE },
  { "start", KITH_FIELD_START, FALSE },
  { "end", KITH_FIELD_END, FALSE },
  { "forecast", KITH_FIELD_FORECAST, FALSE },
};

static void
kith_deal_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  kith_record_get_field_property (KITH_RECORD (object), pspec, value);
}

static void
kith_deal_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  kith_record_set_field_property (KITH_RECORD (object), pspec, value);
}

static void
kith_deal_class_init (KithDealClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = kith_deal_get_property;
  object_class->set_property = kith_deal_set_property;

  kith_record_install_properties (object_class, PROP_SUMMARY, record_properties, G_N_ELEMENTS (record_properties),
                                  properties);
}

static void
kith_deal_init (KithDeal *self)
{
}

const char *
kith_deal_get_summary (KithDeal *self)
{
  g_return_val_if_fail (KITH_IS_DEAL (self), NULL);

  return kith_record_get_text (KITH_RECORD (self), KITH_FIELD_SUMMARY);
}

void
kith_deal_set_summary (KithDeal   *self,
                       const char *summary)
{
  g_return_if_fail (KITH_IS_DEAL (self));

  g_object_set (self, "summary", summary, NULL);
}

gboolean
kith_deal_has_value (KithDeal *self)
{
  g_return_val_if_fail (KITH_IS_DEAL (self), FALSE);

  return kith_record_has_field (KITH_RECORD (self), KITH_FIELD_VALUE);
}

/**
 * kith_deal_get_value:
 *
 * Returns: the deal's value in its currency; 0 when it has none (see kith_deal_has_value ())
 */
double
kith_deal_get_value (KithDeal *self)
{
  double value;

  g_return_val_if_fail (KITH_IS_DEAL (self), 0);

  g_object_get (self, "value", &value, NULL);
  return value;
}

void
kith_deal_set_value (KithDeal *self,
                     double    value)
{
  g_return_if_fail (KITH_IS_DEAL (self));

  g_object_set (self, "value", value, NULL);
}

void
kith_deal_clear_value (KithDeal *self)
{
  g_return_if_fail (KITH_IS_DEAL (self));

  kith_record_clear_field (KITH_RECORD (self), KITH_FIELD_VALUE);
}

/**
 * kith_deal_set_value_text:
 * @text: an amount as typed, such as 500000 or $500,000
 *
 * Returns: %FALSE, leaving the value as it was, when @text is not an amount of money
 */
gboolean
kith_deal_set_value_text (KithDeal   *self,
                          const char *text)
{
  double value;

  g_return_val_if_fail (KITH_IS_DEAL (self), FALSE);

  if (!kith_fields_parse_number ("currency", text, &value))
    return FALSE;
  kith_deal_set_value (self, value);
  return TRUE;
}

/**
 * kith_deal_get_currency:
 *
 * Returns: (nullable): the ISO 4217 code of the deal's value
 */
const char *
kith_deal_get_currency (KithDeal *self)
{
  g_return_val_if_fail (KITH_IS_DEAL (self), NULL);

  return kith_record_get_text (KITH_RECORD (self), KITH_FIELD_CURRENCY);
}

void
kith_deal_set_currency (KithDeal   *self,
                        const char *currency)
{
  g_return_if_fail (KITH_IS_DEAL (self));

  g_object_set (self, "currency", currency, NULL);
}
