import { ComponentBuilder, type ComponentFactory } from '@sitecore-jss/sitecore-jss-nextjs';
import type { ComponentType } from 'react';
import { XeroOrderStatus } from '../components/xero-order-status.tsx';

// The JSS component map (what `jss scaffold` generates into temp/componentBuilder in a starter app):
// the rendering's componentName in Sitecore → the React component. Placeholder passes each component
// its rendering, fields and params, so the map holds them as prop-less component types.
const components = new Map<string, ComponentType>([['XeroOrderStatus', XeroOrderStatus as ComponentType]]);

export const componentBuilder = new ComponentBuilder({ components });

export const componentFactory: ComponentFactory = componentBuilder.getComponentFactory();
